/**
 * Rules that relate fields to each other, run after the schema accepted the shapes.
 * Each broken rule becomes one issue with the path of the field to fix.
 */
import { HOUR_MS } from '../core/time';
import type { Fault, Incident, Scenario, ScenarioModel } from './scenario-schema';

export type FieldPath = readonly (string | number)[];

export interface ScenarioIssue {
  path: FieldPath;
  /** Reads "expected ...". */
  message: string;
  /** The offending value, when showing it helps. */
  got?: unknown;
}

/** Shares are typed by hand: 0.33 + 0.33 + 0.34 must pass, 0.6 + 0.6 must not. */
export const SHARE_SUM_TOLERANCE = 1e-3;

export function checkScenario(scenario: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const startMs = Date.parse(scenario.start);
  const endMs = startMs + scenario.hours * HOUR_MS;
  const models = new Map<string, ScenarioModel>();

  scenario.models.forEach((model, i) => {
    const path = ['models', i] as const;
    if (models.has(model.name)) {
      issues.push({ path: [...path, 'name'], message: 'expected a model name used only once', got: model.name });
    } else {
      models.set(model.name, model);
    }
    checkModel(model, path, issues);
  });

  scenario.incidents.forEach((incident, i) => {
    checkIncident(incident, ['incidents', i], models, { startMs, endMs }, issues);
  });
  scenario.faults.forEach((fault, i) => checkFault(fault, ['faults', i], issues));
  return issues;
}

function checkModel(model: ScenarioModel, path: FieldPath, issues: ScenarioIssue[]): void {
  const seen = new Set<string>();
  model.classes.forEach((cls, j) => {
    if (seen.has(cls.name)) {
      issues.push({ path: [...path, 'classes', j, 'name'], message: 'expected a class name used only once in the model', got: cls.name });
    }
    seen.add(cls.name);
  });
  const sum = model.classes.reduce((total, cls) => total + cls.share, 0);
  if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE) {
    issues.push({ path: [...path, 'classes'], message: 'expected class shares that sum to 1', got: round(sum) });
  }
  if (model.from !== undefined && model.to !== undefined) {
    checkOrder(model.from, model.to, [...path, 'to'], issues);
  }
}

interface Span {
  startMs: number;
  endMs: number;
}

function checkIncident(
  incident: Incident,
  path: FieldPath,
  models: ReadonlyMap<string, ScenarioModel>,
  span: Span,
  issues: ScenarioIssue[],
): void {
  const fromMs = Date.parse(incident.from);
  if (fromMs < span.startMs || fromMs >= span.endMs) {
    issues.push({
      path: [...path, 'from'],
      message: `expected a time within the scenario, from ${iso(span.startMs)} up to ${iso(span.endMs)} (excluded)`,
      got: incident.from,
    });
  }
  if (incident.kind !== 'server_version') checkOrder(incident.from, incident.to, [...path, 'to'], issues);

  const model = models.get(incident.model);
  if (model === undefined) {
    const names = [...models.keys()].map((name) => JSON.stringify(name)).join(', ');
    issues.push({ path: [...path, 'model'], message: `expected the name of a model of this scenario (${names})`, got: incident.model });
    return;
  }
  const classNames = model.classes.map((cls) => cls.name);
  const classList = classNames.map((name) => JSON.stringify(name)).join(', ');
  if (incident.kind === 'confidence_drop' && incident.class !== undefined && !classNames.includes(incident.class)) {
    issues.push({ path: [...path, 'class'], message: `expected a class of ${model.name} (${classList})`, got: incident.class });
  }
  if (incident.kind === 'class_shift') {
    let sum = 0;
    for (const [name, share] of Object.entries(incident.shares)) {
      sum += share;
      if (!classNames.includes(name)) {
        issues.push({ path: [...path, 'shares', name], message: `expected only classes of ${model.name} (${classList}) as keys` });
      }
    }
    if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE) {
      issues.push({ path: [...path, 'shares'], message: 'expected shares that sum to 1', got: round(sum) });
    }
  }
}

function checkFault(fault: Fault, path: FieldPath, issues: ScenarioIssue[]): void {
  checkOrder(fault.from, fault.to, [...path, 'to'], issues);
  if ((fault.status === undefined) === (fault.kind === undefined)) {
    issues.push({
      path,
      message: 'expected exactly one of "status" (an HTTP status) or "kind" (timeout, malformed_json, html_error, reset)',
    });
  }
  if (fault.retryAfterSeconds !== undefined && fault.status === undefined) {
    issues.push({ path: [...path, 'retryAfterSeconds'], message: 'expected "retryAfterSeconds" only on a fault with a "status"' });
  }
}

function checkOrder(from: string, to: string, path: FieldPath, issues: ScenarioIssue[]): void {
  if (Date.parse(to) <= Date.parse(from)) {
    issues.push({ path, message: `expected a time after "from" (${from})`, got: to });
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
