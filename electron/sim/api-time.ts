/**
 * The API's time format, `YYYY-MM-DD HH:mm:ss`. Roboflow does not document its zone; the
 * simulator reads and writes it as UTC, here and nowhere else.
 */

const API_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Milliseconds since the epoch, or null when the text is not a real UTC time in that format. */
export function parseApiTime(text: string): number | null {
  const match = API_TIME.exec(text);
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 2026-02-30 over to March; a real date formats back to the same text.
  return formatApiTime(ms) === text ? ms : null;
}

export function formatApiTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
