// The windows Pulsebar asks about: a length ending now, in whole seconds, because the API's
// time format has no finer resolution.
import type { TimeWindow } from './stats/types';

export const WINDOW_LENGTHS = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000 } as const;
export type WindowLength = keyof typeof WINDOW_LENGTHS;
export const DEFAULT_WINDOW: WindowLength = '24h';

export function isWindowLength(value: string): value is WindowLength {
  return Object.hasOwn(WINDOW_LENGTHS, value);
}

export function windowEndingAt(now: Date, length: WindowLength): TimeWindow {
  const end = new Date(Math.floor(now.getTime() / 1000) * 1000);
  return { start: new Date(end.getTime() - WINDOW_LENGTHS[length]), end };
}
