// ServerVersionChange: a version the model has not been served by for a day appears (an
// upgrade, or a rollback). One info event; a version leaving the set (the end of a roll-out) is
// not news, nor is one that flickers in and out of the hourly window during a mixed roll-out.
import { HOUR_MS } from '../../time';
import { serverVersions } from '../recent-view';
import type { Finding } from '../types';
import { finding, type ModelContext } from './context';

/** A version unseen for this long is new again. */
export const VERSION_MEMORY_MS = 24 * HOUR_MS;

/** When each version was last seen; null before the first look (which only learns). */
export type KnownVersions = ReadonlyMap<string, number> | null;

export function serverVersionChange(ctx: ModelContext, known: KnownVersions): { findings: Finding[]; known: KnownVersions } {
  const current = serverVersions(ctx.recent.hour, ctx.model);
  if (current.length === 0) return { findings: [], known };
  const now = ctx.at.getTime();
  const recent = new Map([...(known ?? new Map<string, number>())].filter(([, seen]) => now - seen <= VERSION_MEMORY_MS));
  const added = known === null ? [] : current.filter((v) => !recent.has(v));
  const before = [...recent.keys()].filter((v) => !added.includes(v));
  for (const version of current) recent.set(version, now);
  if (!ctx.thresholds.ServerVersionChange.enabled || added.length === 0 || before.length === 0) return { findings: [], known: recent };
  const figures = { from: before.join(', '), to: current.join(', '), added: added.join(', ') };
  return { findings: [finding('ServerVersionChange', ctx.model, null, 'breach', 'info', `inference server ${before.join(', ')} → ${added.join(', ')}`, figures)], known: recent };
}
