/**
 * The shape of a scenario file (see docs/scenarios.md). Structure and per-field ranges
 * live here; rules that relate fields to each other live in scenario-checks.ts.
 * Unknown keys are ignored so that files written for a later version still load.
 * Every message reads "expected ...": the loader appends what it got instead.
 */
import * as v from 'valibot';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const TIME_MESSAGE = 'expected an ISO 8601 time with a zone, like "2026-11-01T00:00:00Z"';
/** Names that travel in comma-joined strings (modelNames, versions) cannot hold commas. */
const LIST_ITEM = /^[^,\s]+$/;

function isoTime() {
  return v.pipe(
    v.string(TIME_MESSAGE),
    v.regex(ISO_UTC, TIME_MESSAGE),
    v.check((text) => Number.isFinite(Date.parse(text)), TIME_MESSAGE),
  );
}

function text(what = 'a non-empty string') {
  const message = `expected ${what}`;
  return v.pipe(v.string(message), v.nonEmpty(message));
}

function listItem(what: string) {
  const message = `expected ${what} (no commas or spaces)`;
  return v.pipe(v.string(message), v.regex(LIST_ITEM, message));
}

function between(min: number, max: number) {
  const message = `expected a number between ${min} and ${max}`;
  return v.pipe(v.number(message), v.minValue(min, message), v.maxValue(max, message));
}

function atLeast(min: number) {
  const message = `expected a number >= ${min}`;
  return v.pipe(v.number(message), v.minValue(min, message));
}

function above(min: number) {
  const message = `expected a number greater than ${min}`;
  return v.pipe(v.number(message), v.gtValue(min, message));
}

function integerBetween(min: number, max: number) {
  const message = `expected a whole number between ${min} and ${max}`;
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));
}

function rate() {
  return between(0, 1);
}

export const ClassSchema = v.object({
  name: text('a non-empty class name (the empty name "" is the row of inferences with no detection)'),
  share: rate(),
  detectionsPerInference: v.optional(atLeast(1), 1),
  confidence: rate(),
  confidenceSd: v.optional(between(0, 1), 0.1),
});

export const ModelSchema = v.object({
  name: listItem('a model id like "hard-hat-sample-8j2w3"'),
  deployment: v.optional(listItem('a deployment type like "hosted"'), 'hosted'),
  serverVersion: listItem('an inference server version like "0.16.0"'),
  requestsPerHour: atLeast(0),
  diurnalAmplitude: v.optional(rate(), 0),
  peakHourUtc: v.optional(
    v.pipe(
      v.number('expected an hour of the day between 0 and 24 (excluded)'),
      v.minValue(0, 'expected an hour of the day between 0 and 24 (excluded)'),
      v.ltValue(24, 'expected an hour of the day between 0 and 24 (excluded)'),
    ),
    12,
  ),
  errorRate: v.optional(rate(), 0),
  latencySeconds: above(0),
  latencyJitter: v.optional(between(0, 5), 0.2),
  emptyRate: v.optional(rate(), 0),
  classes: v.pipe(
    v.array(ClassSchema, 'expected a list of classes'),
    v.minLength(1, 'expected at least one class'),
  ),
  from: v.optional(isoTime()),
  to: v.optional(isoTime()),
});

const window = { model: text('the name of one of the scenario\'s models'), from: isoTime(), to: isoTime() };

export const INCIDENT_KINDS = [
  'confidence_drop',
  'latency_rise',
  'error_rise',
  'traffic_drop',
  'outage',
  'class_shift',
  'server_version',
] as const;

export const IncidentSchema = v.variant(
  'kind',
  [
    v.object({
      kind: v.literal('confidence_drop'),
      ...window,
      class: v.optional(text('the name of one of the model\'s classes')),
      delta: v.pipe(
        v.number('expected a negative number between -1 and 0'),
        v.minValue(-1, 'expected a negative number between -1 and 0'),
        v.ltValue(0, 'expected a negative number between -1 and 0'),
      ),
    }),
    v.object({ kind: v.literal('latency_rise'), ...window, factor: above(1) }),
    v.object({ kind: v.literal('error_rise'), ...window, errorRate: rate() }),
    v.object({
      kind: v.literal('traffic_drop'),
      ...window,
      factor: v.pipe(
        v.number('expected a number from 0 up to 1 (excluded)'),
        v.minValue(0, 'expected a number from 0 up to 1 (excluded)'),
        v.ltValue(1, 'expected a number from 0 up to 1 (excluded)'),
      ),
    }),
    v.object({ kind: v.literal('outage'), ...window }),
    v.object({
      kind: v.literal('class_shift'),
      ...window,
      shares: v.record(v.string(), rate(), 'expected an object of class name to share'),
    }),
    v.object({
      kind: v.literal('server_version'),
      model: window.model,
      from: isoTime(),
      to: v.optional(v.never('expected no "to": a server_version change lasts from "from" on')),
      version: listItem('an inference server version like "0.16.1"'),
    }),
  ],
  `expected a kind among ${INCIDENT_KINDS.map((kind) => `"${kind}"`).join(', ')}`,
);

export const FAULT_KINDS = ['timeout', 'malformed_json', 'html_error', 'reset'] as const;

export const FaultSchema = v.object({
  from: isoTime(),
  to: isoTime(),
  status: v.optional(integerBetween(400, 599)),
  retryAfterSeconds: v.optional(integerBetween(0, 86_400)),
  kind: v.optional(
    v.picklist(FAULT_KINDS, `expected a fault kind among ${FAULT_KINDS.map((k) => `"${k}"`).join(', ')}`),
  ),
});

export const ScenarioSchema = v.object(
  {
    name: text('a non-empty scenario name'),
    workspace: v.pipe(
      v.string('expected a workspace id like "demo-workspace"'),
      v.regex(/^[^\s/?#%]+$/, 'expected a workspace id like "demo-workspace" (one URL path segment)'),
    ),
    apiKey: text('a non-empty API key'),
    start: isoTime(),
    hours: integerBetween(1, 24 * 366),
    seed: v.pipe(v.number('expected a whole number'), v.safeInteger('expected a whole number')),
    pollMinutes: v.optional(integerBetween(1, 1440), 5),
    models: v.pipe(
      v.array(ModelSchema, 'expected a list of models'),
      v.minLength(1, 'expected at least one model'),
    ),
    incidents: v.optional(v.array(IncidentSchema, 'expected a list of incidents'), []),
    faults: v.optional(v.array(FaultSchema, 'expected a list of faults'), []),
  },
  'expected a JSON object with the scenario\'s fields',
);

export type Scenario = v.InferOutput<typeof ScenarioSchema>;
export type ScenarioModel = Scenario['models'][number];
export type ScenarioClass = ScenarioModel['classes'][number];
export type Incident = Scenario['incidents'][number];
export type IncidentKind = Incident['kind'];
export type Fault = Scenario['faults'][number];
export type FaultKind = (typeof FAULT_KINDS)[number];
