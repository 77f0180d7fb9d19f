/**
 * Loading a scenario: from a file path or a bundled name, through the schema and the
 * cross-field checks, into a Scenario with every default filled in.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { checkScenario, type ScenarioIssue } from './scenario-checks';
import { ScenarioError } from './scenario-error';
import { ScenarioSchema, type Scenario } from './scenario-schema';
import { findJsonFault } from './json-position';

export { ScenarioError } from './scenario-error';
export type { Scenario, ScenarioModel, ScenarioClass, Incident, IncidentKind, Fault, FaultKind } from './scenario-schema';

/** The repository's scenarios/ folder, found from this file rather than the working folder. */
export const BUNDLED_SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

const BUNDLED_NAME = /^[A-Za-z0-9_-]+$/;

/** Names accepted by loadScenario besides paths, e.g. ["demo", "incidents", "quiet"]. */
export function bundledScenarioNames(): string[] {
  if (!existsSync(BUNDLED_SCENARIOS_DIR)) return [];
  return readdirSync(BUNDLED_SCENARIOS_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/**
 * A bare word (no slash, no extension) is a bundled name; anything else is a path,
 * relative to the working folder.
 */
export function resolveScenarioPath(pathOrName: string): string {
  if (BUNDLED_NAME.test(pathOrName)) {
    const bundled = resolve(BUNDLED_SCENARIOS_DIR, `${pathOrName}.json`);
    if (existsSync(bundled)) return bundled;
    const names = bundledScenarioNames().join(', ');
    throw new ScenarioError(
      pathOrName,
      [],
      `no bundled scenario has this name (bundled: ${names}); give one of those names or the path of a .json file.`,
      null,
    );
  }
  return resolve(pathOrName);
}

export function loadScenario(pathOrName: string): Scenario {
  const file = resolveScenarioPath(pathOrName);
  const label = displayPath(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'this is a folder, not a file' : `cannot read the file (${code})`;
    throw new ScenarioError(label, [], `${why}; give the path of a scenario .json file or a bundled name (${bundledScenarioNames().join(', ')}).`, null);
  }
  return parseScenarioText(text, label, basename(file).replace(/\.json$/i, ''));
}

/** Parses and validates a scenario's JSON text; `label` names it in errors. */
export function parseScenarioText(text: string, label: string, defaultName = 'scenario'): Scenario {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // editors on Windows add a BOM
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const fault = findJsonFault(body);
    const where = fault === null ? (error as Error).message : `line ${fault.line}, column ${fault.column} (offset ${fault.offset}): ${fault.problem}`;
    throw new ScenarioError(label, [], `invalid JSON at ${where}`);
  }
  return validateScenario(data, label, defaultName);
}

/** Validates already-parsed data; a missing `name` becomes `defaultName`. */
export function validateScenario(data: unknown, label: string, defaultName = 'scenario'): Scenario {
  if (!isPlainObject(data)) {
    throw new ScenarioError(label, [{ path: [], message: 'expected a JSON object with the scenario\'s fields', got: data }]);
  }
  const input = data['name'] === undefined ? { ...data, name: defaultName } : data;
  const result = v.safeParse(ScenarioSchema, input);
  if (!result.success) throw new ScenarioError(label, result.issues.map(toScenarioIssue));
  const issues = checkScenario(result.output);
  if (issues.length > 0) throw new ScenarioError(label, issues);
  return result.output;
}

function toScenarioIssue(issue: v.BaseIssue<unknown>): ScenarioIssue {
  const path = (issue.path ?? []).map((item) => item.key as string | number);
  // A missing key is reported by the parent object; say so plainly.
  if (issue.kind === 'schema' && issue.type === 'object' && issue.input === undefined && path.length > 0) {
    return { path, message: 'expected this field, which is required' };
  }
  return { path, message: issue.message, got: issue.input };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function displayPath(file: string): string {
  const fromCwd = relative(process.cwd(), file);
  return fromCwd !== '' && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : file;
}
