// LatencyUp: the short window's mean response time against the usual hourly means, confirmed
// by an EWMA of the per-poll means (a single slow window is not a regression).
import { duration, lastMinutes } from '../messages';
import { modelLatency, windowMinutes } from '../recent-view';
import type { LevelBaseline } from '../baselines';
import { ewmaStep, ewmaUpperLimit } from '../statistics';
import type { Finding } from '../types';
import { finding, unknown, type ModelContext } from './context';

/**
 * The EWMA's sd: the spread history shows for one request, for a window of `requests`; at least
 * 2 % of the level, so identical hours do not make a zero-width limit.
 */
export function latencySd(usual: LevelBaseline, requests: number): number {
  return Math.max(usual.unitSd / Math.sqrt(Math.max(requests, 1)), 0.02 * usual.median);
}

/** `ewma`: the EWMA before this poll (null: start at the usual level). Returns the updated one. */
export function latencyUp(ctx: ModelContext, ewma: number | null): { findings: Finding[]; ewma: number | null } {
  const t = ctx.thresholds.LatencyUp;
  if (!t.enabled) return { findings: [], ewma };
  const usual = ctx.baseline?.latency ?? null;
  if (usual === null) return { findings: [unknown('LatencyUp', ctx.model, null, 'warning', 'no usual latency yet')], ewma: null };
  // The last 30 min when they hold enough requests (a slow server is news at once), else the hour.
  const half = modelLatency(ctx.recent.short, ctx.model);
  const snapshot = half.requests >= t.minRequests ? ctx.recent.short : ctx.recent.hour;
  const { mean, requests } = snapshot === ctx.recent.short ? half : modelLatency(snapshot, ctx.model);
  if (mean === null || requests < t.minRequests) return { findings: [unknown('LatencyUp', ctx.model, null, 'warning', 'too few requests')], ewma };
  const next = ewmaStep(ewma ?? usual.median, mean, t.ewmaLambda);
  const limit = ewmaUpperLimit(usual.median, latencySd(usual, requests), t.ewmaLambda, t.ewmaWidth);
  const figures = { mean: Number(mean.toFixed(4)), usual: Number(usual.median.toFixed(4)), ratio: Number((mean / usual.median).toFixed(2)), ewma: Number(next.toFixed(4)), limit: Number(limit.toFixed(4)), requests };
  const summary = `latency ${duration(usual.median)} → ${duration(mean)} in ${lastMinutes(windowMinutes(snapshot))}`;
  const breach = mean >= t.factor * usual.median && mean >= usual.median + t.minIncreaseSeconds && next > limit;
  const verdict = breach ? 'breach' : mean <= t.recoverFactor * usual.median ? 'recovered' : 'holding';
  return { findings: [finding('LatencyUp', ctx.model, null, verdict, 'warning', summary, figures)], ewma: next };
}
