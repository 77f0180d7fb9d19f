// The inference-stats answer as Roboflow sends it, validated with valibot. Liberal where the
// API is known to be loose (any figure null or absent, `""` class, previous-only rows, comma-
// joined lists, extra keys), strict where a wrong value would mislead (a figure that is a
// string, negative, NaN or infinite; a row without a model name). The first bad field is
// reported by its JSON path.
import * as v from 'valibot';
import { BadResponse } from './errors';
import { redactText } from './redact';
import { toStatsSnapshot } from './snapshot';
import type { StatsSnapshot, TimeWindow } from './types';

const NUMBER_OR_NULL = 'expected number or null';

/** A count (inferences, errors, detections): a non-negative number, or null/absent = unknown. */
const count = v.nullish(v.pipe(v.number(NUMBER_OR_NULL), v.finite('expected a finite number'), v.minValue(0, 'expected a non-negative count')), null);

/** A confidence or a duration in seconds: a non-negative number, or null/absent = unknown. */
const measure = v.nullish(v.pipe(v.number(NUMBER_OR_NULL), v.finite('expected a finite number'), v.minValue(0, 'expected a non-negative number')), null);

/** `"hosted,self-hosted"` -> ["hosted", "self-hosted"]; null/absent -> []. An array is accepted too. */
const commaList = v.pipe(
  v.nullish(v.union([v.string(), v.array(v.string())], 'expected a comma-separated string or null'), null),
  v.transform((value): string[] => splitList(value)),
);

export function splitList(value: string | readonly string[] | null): string[] {
  if (value === null) return [];
  const parts = (typeof value === 'string' ? [value] : value).flatMap((item) => item.split(','));
  return [...new Set(parts.map((part) => part.trim()).filter((part) => part !== ''))];
}

const isJsonObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object with these entries; arrays are refused (valibot's object() alone would take them). */
const jsonObject = <TEntries extends v.ObjectEntries>(entries: TEntries, what: string) =>
  v.pipe(v.custom<Record<string, unknown>>(isJsonObject, `expected ${what}`), v.object(entries, `expected ${what}`));

const periodFigures = {
  num_inferences: count,
  prev_num_inferences: count,
  num_errors: count,
  prev_num_errors: count,
  avg_confidence: measure,
  prev_avg_confidence: measure,
  avg_response_time: measure,
  prev_avg_response_time: measure,
};

const rowSchema = jsonObject(
  {
    model_name: v.pipe(v.string('expected a string'), v.nonEmpty('expected a non-empty model name')),
    predicted_class: v.string('expected a string ("" for no detection)'),
    ...periodFigures,
    median_confidence: measure,
    class_count: count,
    deployment_types: commaList,
    inference_server_versions: commaList,
    model_num_inferences: count,
    prev_model_num_inferences: count,
  },
  'an object (one row per model and class)',
);

export const inferenceStatsSchema = jsonObject(
  {
    ...periodFigures,
    inference_stats: v.array(rowSchema, 'expected an array of rows'),
  },
  'a JSON object',
);

export type WireStats = v.InferOutput<typeof inferenceStatsSchema>;
export type WireStatsRow = WireStats['inference_stats'][number];

export interface ParseOptions {
  /** Texts (the API key) to scrub from quoted values before they are clipped into a message. */
  readonly secrets?: readonly string[];
}

/** Validates an inference-stats answer; throws BadResponse naming the first bad field. */
export function readWireStats(json: unknown, options: ParseOptions = {}): WireStats {
  const result = v.safeParse(inferenceStatsSchema, json, { abortEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = formatPath(issue.path);
  const lastStep = issue.path?.at(-1);
  const problem = lastStep?.type === 'object' && lastStep.origin === 'key' ? 'required field is missing' : `${issue.message}, got ${describeValue(issue.input, options.secrets ?? [])}`;
  return fail(path, `${path === '' ? 'response body' : path}: ${problem}`);
}

function fail(path: string, detail: string): never {
  throw new BadResponse({ detail, path: path === '' ? undefined : path });
}

/** Validates and converts an inference-stats answer for `window`. Throws BadResponse on any shape problem. */
export function parseInferenceStats(json: unknown, window: TimeWindow, options: ParseOptions = {}): StatsSnapshot {
  return toStatsSnapshot(readWireStats(json, options), window);
}

/** `inference_stats[3].num_inferences` */
function formatPath(path: readonly v.IssuePathItem[] | undefined): string {
  let text = '';
  for (const item of path ?? []) {
    const key: unknown = item.key;
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

/** A short, safe description of a bad value: never a dump of a large or nested structure. */
function describeValue(value: unknown, secrets: readonly string[]): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string': {
      // Redact before clipping: a clip through the key would leave a piece no redaction matches.
      const text = redactText(value, secrets);
      return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
    }
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}
