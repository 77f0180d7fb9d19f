// The windows Pulsebar asks about: a length ending now, in whole seconds, because the API's
// time format has no finer resolution.
import type { TimeWindow } from './stats/types';
import { DAY_MS, HOUR_MS } from './time';

export const WINDOW_LENGTHS = { '1h': HOUR_MS, '24h': DAY_MS, '7d': 7 * DAY_MS } as const;
export type WindowLength = keyof typeof WINDOW_LENGTHS;
export const DEFAULT_WINDOW: WindowLength = '24h';

export function isWindowLength(value: string): value is WindowLength {
  return Object.hasOwn(WINDOW_LENGTHS, value);
}

export function windowEndingAt(now: Date, length: WindowLength): TimeWindow {
  const end = new Date(Math.floor(now.getTime() / 1000) * 1000);
  return { start: new Date(end.getTime() - WINDOW_LENGTHS[length]), end };
}
