// Pure helpers for the windows a snapshot describes.
import type { TimeWindow } from './types';

/** Throws a RangeError unless both ends are valid dates and start < end (a caller's bug, not an API failure). */
export function assertValidWindow(window: TimeWindow): void {
  const start = window.start.getTime();
  const end = window.end.getTime();
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError('The stats window has an invalid start or end date.');
  if (start >= end) {
    throw new RangeError(`The stats window must start before it ends (got ${window.start.toISOString()} .. ${window.end.toISOString()}).`);
  }
}

/**
 * The period the API's `prev_*` figures describe: same length, ending where `window` starts.
 * Roboflow's dashboard computes "% change vs previous period" this way; the API does not spell
 * it out, so this is an assumption kept in one place.
 */
export function previousWindowOf(window: TimeWindow): TimeWindow {
  const length = window.end.getTime() - window.start.getTime();
  return { start: new Date(window.start.getTime() - length), end: new Date(window.start.getTime()) };
}
