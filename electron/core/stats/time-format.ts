// How Pulsebar writes times for the inference-stats query.
//
// TIMEZONE: Roboflow documents the format ("YYYY-MM-DD HH:mm:ss") but not the timezone of
// startTime/endTime. Pulsebar sends UTC. This function is the one place that choice lives:
// if Roboflow turns out to mean another zone, change it here and nowhere else.

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `2024-03-10 02:30:00` in UTC. Milliseconds are dropped (the API has one-second resolution). */
export function formatApiTime(date: Date): string {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Cannot format an invalid Date for the inference-stats query.');
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`Cannot format year ${year} as YYYY for the inference-stats query.`);
  return (
    `${pad(year, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}
