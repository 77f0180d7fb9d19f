// ClassMixShift: the model's inferences per predicted class (the no-detection row counts as a
// class) against its usual shares. The last hour, or the last two when one hour is too few.
import { className as classLabel, lastMinutes, percent } from '../messages';
import { classRows, windowMinutes } from '../recent-view';
import { chiSquareGoodnessOfFit, populationStabilityIndex } from '../statistics';
import type { Finding } from '../types';
import { finding, unknown, type ModelContext } from './context';

export function classMixShift(ctx: ModelContext): Finding[] {
  const t = ctx.thresholds.ClassMixShift;
  if (!t.enabled) return [];
  const usual = ctx.baseline?.classShares ?? null;
  if (usual === null) return [unknown('ClassMixShift', ctx.model, null, 'warning', 'no usual class mix yet')];
  const rows = classRows(ctx.recent.hour, ctx.model);
  const hourCounts = new Map(rows.map((row) => [row.className, row.current.inferences ?? 0]));
  let counts = hourCounts;
  let minutes = windowMinutes(ctx.recent.hour);
  if (sum(counts) < t.minInferences) {
    counts = new Map(rows.map((row) => [row.className, (row.current.inferences ?? 0) + (row.previous.inferences ?? 0)]));
    minutes *= 2;
  }
  const total = sum(counts);
  if (total < t.minInferences) return [unknown('ClassMixShift', ctx.model, null, 'warning', 'too few inferences')];

  const classes = [...new Set([...usual.keys(), ...counts.keys()])];
  const observed = classes.map((c) => counts.get(c) ?? 0);
  const expected = classes.map((c) => usual.get(c) ?? 0);
  const fit = chiSquareGoodnessOfFit(observed, expected, t.minExpected);
  if (fit === null) return [unknown('ClassMixShift', ctx.model, null, 'warning', 'a single class')];
  const actual = observed.map((n) => n / total);
  const psi = populationStabilityIndex(actual, expected);
  const figures = { inferences: total, minutes, psi: Number(psi.toFixed(3)), p: Number(fit.p.toPrecision(3)), chiSquare: Number(fit.statistic.toFixed(1)) };
  const summary = `class mix shifted in ${lastMinutes(minutes)}: ${largestMoves(classes, expected, actual)} (PSI ${psi.toFixed(2)})`;
  if (fit.p < t.maxP && psi >= t.minPsi) return [finding('ClassMixShift', ctx.model, null, 'breach', 'warning', summary, figures)];
  return [finding('ClassMixShift', ctx.model, null, psi < t.recoverPsi ? 'recovered' : 'holding', 'warning', summary, figures)];
}

/** The two classes whose share moved most: "head 29 % → 70 %, helmet 53 % → 15 %". */
function largestMoves(classes: readonly string[], before: readonly number[], after: readonly number[]): string {
  return classes
    .map((c, i) => ({ c, from: before[i] ?? 0, to: after[i] ?? 0 }))
    .sort((a, b) => Math.abs(b.to - b.from) - Math.abs(a.to - a.from))
    .slice(0, 2)
    .map(({ c, from, to }) => `${classLabel(c)} ${percent(from)} → ${percent(to)}`)
    .join(', ');
}

function sum(counts: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const n of counts.values()) total += n;
  return total;
}
