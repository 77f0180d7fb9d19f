// Lengths of time in milliseconds, declared once for the core, the simulator, the replay and the
// CLI. (The UTC hour and day indexes the history keys its tables by are in history/time.ts.)
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
