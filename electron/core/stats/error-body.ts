// Reads what a failed (or unusable) HTTP answer says, in a line fit for a user: Roboflow's two
// JSON error shapes, an HTML page reduced to its title, or the first line of plain text.

export interface ErrorBodySummary {
  readonly message?: string;
  readonly hint?: string;
  readonly type?: string;
}

const MAX_TEXT = 300;

/** `{"error":"Invalid request"}`, `{"error":{"message","type","hint"}}`, an HTML page, or text. */
export function summariseErrorBody(text: string, contentType: string | null): ErrorBodySummary {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  if (isHtml(trimmed, contentType)) return { message: describeHtmlPage(trimmed) };
  const fromJson = roboflowErrorFields(trimmed);
  if (fromJson !== undefined) return fromJson;
  return { message: firstLine(trimmed) };
}

/** Roboflow's error fields when `text` is JSON in one of its error shapes; undefined otherwise. */
function roboflowErrorFields(text: string): ErrorBodySummary | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(json)) return {}; // JSON, but not an error shape: nothing worth showing
  const error = json['error'];
  if (typeof error === 'string') return withText({}, 'message', error);
  if (isRecord(error)) {
    let summary: ErrorBodySummary = {};
    summary = withText(summary, 'message', error['message']);
    summary = withText(summary, 'hint', error['hint']);
    return withText(summary, 'type', error['type']);
  }
  // Not one of Roboflow's shapes, but a top-level `message` is common enough to show.
  return withText({}, 'message', json['message']);
}

function withText(summary: ErrorBodySummary, key: keyof ErrorBodySummary, value: unknown): ErrorBodySummary {
  if (typeof value !== 'string' || value.trim() === '') return summary;
  return { ...summary, [key]: clip(collapse(value)) };
}

/** True for an HTML page (a gateway, proxy or captive portal answering instead of the API). */
export function isHtml(text: string, contentType: string | null): boolean {
  if (contentType !== null && /\bhtml\b/i.test(contentType)) return true;
  return /^\s*<(!doctype\s+html|html|head|body|title)\b/i.test(text);
}

/** `an HTML page titled "502 Bad Gateway"`: never the page itself. */
export function describeHtmlPage(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  const text = title === undefined ? '' : clip(collapse(decodeEntities(title.replace(/<[^>]*>/g, ' '))), 120);
  return text === '' ? 'an HTML page' : `an HTML page titled "${text}"`;
}

function firstLine(text: string): string {
  return clip(collapse(text.split(/\r?\n/).find((line) => line.trim() !== '') ?? ''));
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
const clip = (text: string, max = MAX_TEXT) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}
