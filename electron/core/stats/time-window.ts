// Pure helpers for the windows a snapshot describes.
import type { TimeWindow } from './types';

/**
 * Throws a RangeError unless both ends are valid dates on whole seconds and start < end (a
 * caller's bug, not an API failure). Whole seconds because the API's times have no finer
 * resolution: a window with milliseconds would be sent as another window than the one the
 * snapshot reports.
 */
export function assertValidWindow(window: TimeWindow): void {
  const start = window.start.getTime();
  const end = window.end.getTime();
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError('The stats window has an invalid start or end date.');
  if (start % 1000 !== 0 || end % 1000 !== 0) {
    throw new RangeError(`The stats window must start and end on whole seconds, the API's resolution (got ${window.start.toISOString()} .. ${window.end.toISOString()}).`);
  }
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
