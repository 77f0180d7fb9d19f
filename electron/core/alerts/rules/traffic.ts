// ModelSilent and TrafficDrop: volume against the same time of day on earlier days, so the
// daily fall of traffic is never a "drop".
import { count, lastMinutes, percent } from '../messages';
import { modelInferences, windowMinutes } from '../recent-view';
import { poissonZ } from '../statistics';
import type { Finding } from '../types';
import { finding, unknown, type ModelContext } from './context';

/** No inferences in the short window, where the same minutes of earlier days usually have enough. */
export function modelSilent(ctx: ModelContext): Finding[] {
  const t = ctx.thresholds.ModelSilent;
  if (!t.enabled) return [];
  const snapshot = ctx.recent.short;
  const minutes = windowMinutes(snapshot);
  const usual = ctx.book.expectedCount(ctx.model, snapshot.window);
  if (usual === null || usual.expected < t.minBaseline) return [unknown('ModelSilent', ctx.model, null, 'critical', `too little usual traffic in ${lastMinutes(minutes)}`)];
  const seen = modelInferences(snapshot, ctx.model).current;
  const figures = { inferences: seen, usual: Math.round(usual.expected), days: usual.days, minutes };
  if (seen === 0) return [finding('ModelSilent', ctx.model, null, 'breach', 'critical', `no inferences in ${lastMinutes(minutes)} (usually ~${count(usual.expected)})`, figures)];
  return [finding('ModelSilent', ctx.model, null, 'recovered', 'critical', `${count(seen)} inferences in ${lastMinutes(minutes)}`, figures)];
}

/** Volume at most half of both the previous hour and the usual, and significantly so. */
export function trafficDrop(ctx: ModelContext): Finding[] {
  const t = ctx.thresholds.TrafficDrop;
  if (!t.enabled) return [];
  const snapshot = ctx.recent.hour;
  const usual = ctx.book.expectedCount(ctx.model, snapshot.window);
  if (usual === null || usual.expected < t.minBaseline) return [unknown('TrafficDrop', ctx.model, null, 'warning', 'too little usual traffic')];
  const { current, previous } = modelInferences(snapshot, ctx.model);
  const z = poissonZ(current, usual.expected) ?? 0;
  const ratio = current / usual.expected;
  const figures = { inferences: current, previousHour: previous, usual: Math.round(usual.expected), ratio: Number(ratio.toFixed(3)), z: Number(z.toFixed(2)) };
  const summary = `${count(current)} inferences in ${lastMinutes(windowMinutes(snapshot))}, usually ~${count(usual.expected)} (${percent(ratio)})`;
  if (current <= t.maxRatio * previous && current <= t.maxRatio * usual.expected && z <= t.maxZ) return [finding('TrafficDrop', ctx.model, null, 'breach', 'warning', summary, figures)];
  return [finding('TrafficDrop', ctx.model, null, ratio >= t.recoverRatio ? 'recovered' : 'holding', 'warning', summary, figures)];
}
