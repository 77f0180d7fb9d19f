/**
 * The one error a bad scenario raises. Its message names the file and the field, says
 * what was expected and what was found, and ends with what to do about it.
 */
import type { FieldPath, ScenarioIssue } from './scenario-checks';

const ADVICE = 'Fix the file and try again; docs/scenarios.md describes every field.';
const SHOWN_ISSUES = 8;

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';

  constructor(
    /** The file as the user knows it (relative to the working folder when inside it). */
    readonly file: string,
    readonly issues: readonly ScenarioIssue[],
    /** Replaces the per-field lines, for problems that are not about one field. */
    headline?: string,
    /** The closing line; null when the headline already says what to do. */
    advice: string | null = ADVICE,
  ) {
    super(composeMessage(file, issues, headline, advice));
  }
}

function composeMessage(file: string, issues: readonly ScenarioIssue[], headline: string | undefined, advice: string | null): string {
  const lines = headline !== undefined ? [`${file}: ${headline}`] : issues.slice(0, SHOWN_ISSUES).map((issue) => `${file}: ${describeIssue(issue)}`);
  if (headline === undefined && issues.length > SHOWN_ISSUES) {
    lines.push(`${file}: ... and ${issues.length - SHOWN_ISSUES} more`);
  }
  if (advice !== null) lines.push(advice);
  return lines.join('\n');
}

/** `models[1].classes[0].share: expected a number between 0 and 1, got "high"` */
export function describeIssue(issue: ScenarioIssue): string {
  const where = formatPath(issue.path);
  const got = 'got' in issue ? `, got ${describeValue(issue.got)}` : '';
  return `${where === '' ? '' : `${where}: `}${issue.message}${got}`;
}

/** `models[1].classes[0].share`; keys that are not identifiers get brackets. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}
