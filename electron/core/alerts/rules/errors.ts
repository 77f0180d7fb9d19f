// ErrorRateUp. The API gives errors per model only when a request is filtered to that model
// (per-row num_errors is null), so the workspace's error count screens every poll, and models
// are fetched one by one only when it looks raised or a model's alert is already open.
import type { StatsSnapshot } from '../../stats/types';
import type { BaselineBook } from '../baselines';
import { lastMinutes, percent, count } from '../messages';
import { windowMinutes } from '../recent-view';
import { poissonZ, twoProportionZ } from '../statistics';
import type { Finding } from '../types';
import { finding, unknown, type ModelContext } from './context';

export interface ErrorCount {
  readonly errors: number;
  readonly requests: number;
}

/** A model's errors from a request filtered to it: its last hour and the hour before. */
export interface ModelErrorFigures {
  readonly current: ErrorCount;
  readonly previous: ErrorCount;
  readonly minutes: number;
}

/** Screening z for the workspace's errors: lower than the rule's, because a false lead costs one request per model, not an alert. */
export const SCREENING_Z = 2;

export function errorFiguresOf(snapshot: StatsSnapshot): ModelErrorFigures {
  const count = (period: 'current' | 'previous'): ErrorCount => {
    const figures = snapshot.totals[period];
    const errors = figures.errors ?? 0;
    return { errors, requests: (figures.inferences ?? 0) + errors };
  };
  return { current: count('current'), previous: count('previous'), minutes: windowMinutes(snapshot) };
}

/** True when the workspace's errors in the last hour are more than its usual rate explains. */
export function workspaceErrorsRaised(hour: StatsSnapshot, book: BaselineBook, minErrors: number): boolean {
  const { current, previous } = errorFiguresOf(hour);
  if (current.errors < minErrors) return false;
  const usual = book.workspaceErrors ?? previous;
  const rate = usual.requests > 0 ? usual.errors / usual.requests : 0;
  return (poissonZ(current.errors, Math.max(rate * current.requests, 1)) ?? 0) >= SCREENING_Z;
}

/**
 * `baseline`: the model's error rate before the alert opened (the hour before, frozen by the
 * detector while the alert is open, so a long incident does not become its own baseline).
 */
export function errorRateUp(ctx: ModelContext, figures: ModelErrorFigures | undefined, baseline: ErrorCount | undefined): Finding[] {
  const t = ctx.thresholds.ErrorRateUp;
  if (!t.enabled) return [];
  if (figures === undefined || baseline === undefined) return [unknown('ErrorRateUp', ctx.model, null, 'warning', 'errors not fetched for this model')];
  const { errors, requests } = figures.current;
  if (requests < t.minRequests || baseline.requests < t.minRequests) return [unknown('ErrorRateUp', ctx.model, null, 'warning', 'too few requests')];
  const rate = errors / requests;
  const usual = baseline.errors / baseline.requests;
  const z = twoProportionZ(errors, requests, baseline.errors, baseline.requests) ?? 0;
  const severity = rate >= t.criticalRate ? 'critical' : 'warning';
  const figuresOut = { errors, requests, rate: Number(rate.toFixed(4)), baselineRate: Number(usual.toFixed(4)), z: Number(z.toFixed(2)) };
  const summary = `error rate ${percent(usual)} → ${percent(rate)} in ${lastMinutes(figures.minutes)} (${count(errors)} of ${count(requests)} requests)`;
  if (errors >= t.minErrors && rate >= Math.max(t.factor * usual, usual + t.minIncrease) && z >= t.minZ) return [finding('ErrorRateUp', ctx.model, null, 'breach', severity, summary, figuresOut)];
  return [finding('ErrorRateUp', ctx.model, null, rate <= usual + t.recoverMargin ? 'recovered' : 'holding', severity, summary, figuresOut)];
}
