// UTC hours and days as integer indexes since the Unix epoch: the keys of the hourly and daily
// tables (an hour index needs 3 bytes in SQLite, a millisecond time 6).
import { DAY_MS, HOUR_MS } from '../time';

export const HOURS_PER_DAY = 24;

export const hourIndexOf = (time: Date | number): number => Math.floor(ms(time) / HOUR_MS);
export const dayIndexOf = (time: Date | number): number => Math.floor(ms(time) / DAY_MS);
/** The first hour index whose start is at or after `time`. */
export const firstHourFrom = (time: Date | number): number => Math.ceil(ms(time) / HOUR_MS);
/** The first day index whose start is at or after `time`. */
export const firstDayFrom = (time: Date | number): number => Math.ceil(ms(time) / DAY_MS);

export const hourStart = (hour: number): Date => new Date(hour * HOUR_MS);
export const dayStart = (day: number): Date => new Date(day * DAY_MS);
export const dayOfHour = (hour: number): number => Math.floor(hour / HOURS_PER_DAY);

const ms = (time: Date | number): number => (typeof time === 'number' ? time : time.getTime());

/** Throws a RangeError (a caller's bug) unless `date` is a valid Date. */
export function assertDate(date: Date, what: string): void {
  if (!(date instanceof Date) || !Number.isFinite(date.getTime())) throw new RangeError(`${what} must be a valid date.`);
}
