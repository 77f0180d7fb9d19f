// Numbers in alert messages: short, unambiguous, the same everywhere (notifications, inbox, CLI).
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const count = (value: number): string => COUNT.format(Math.round(value));

/** 0.0123 → "1.2 %"; below 10 % one decimal, above none. */
export function percent(share: number): string {
  const value = share * 100;
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} %`;
}

export const confidence = (value: number): string => value.toFixed(2);

/** Seconds → "45 ms" or "1.2 s". */
export function duration(seconds: number): string {
  return seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(1)} s`;
}

/** "the last hour", "the last 30 min", "the last 2 h". */
export function lastMinutes(minutes: number): string {
  if (minutes === 60) return 'the last hour';
  return minutes % 60 === 0 ? `the last ${minutes / 60} h` : `the last ${minutes} min`;
}

/** The class as people read it: the no-detection row is "no detection". */
export const className = (name: string): string => (name === '' ? 'no detection' : name);

/** Rounds for stored figures: enough digits to explain, few enough to read. */
export const round = (value: number, digits = 4): number => Number(value.toFixed(digits));
