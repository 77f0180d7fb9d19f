// Reads a response body as text while counting bytes, so an endless or huge answer is cut off
// as it streams instead of after it has filled memory.
import { untilAborted } from './abortable';

/** The body grew past the limit (only thrown with `overflow: 'fail'`). */
export class BodyTooLarge extends Error {
  override readonly name = 'BodyTooLarge';
  constructor(readonly limitBytes: number) {
    super(`body larger than ${limitBytes} bytes`);
  }
}

/** The stream failed before its end: the connection dropped mid-body. */
export class BodyInterrupted extends Error {
  override readonly name = 'BodyInterrupted';
  constructor(readonly failure: unknown) {
    super('body ended early');
  }
}

export interface ReadBodyOptions {
  readonly maxBytes: number;
  readonly signal: AbortSignal;
  /** 'fail' throws BodyTooLarge; 'truncate' keeps the first maxBytes (enough for an error message). */
  readonly overflow: 'fail' | 'truncate';
}

/** Rejects with `signal.reason` when aborted, BodyTooLarge, or BodyInterrupted. */
export async function readBodyText(response: Response, options: ReadBodyOptions): Promise<string> {
  const body = response.body;
  if (body === null) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      let step: Awaited<ReturnType<typeof reader.read>>;
      try {
        step = await untilAborted(reader.read(), options.signal);
      } catch (error) {
        if (options.signal.aborted) throw options.signal.reason;
        throw new BodyInterrupted(error);
      }
      if (step.done) break;
      const room = options.maxBytes - size;
      if (step.value.byteLength > room) {
        if (options.overflow === 'fail') throw new BodyTooLarge(options.maxBytes);
        chunks.push(step.value.subarray(0, room));
        size += room;
        break;
      }
      chunks.push(step.value);
      size += step.value.byteLength;
    }
  } finally {
    // Stop the download (a no-op once the stream is done); failures here change nothing.
    reader.cancel().catch(() => undefined);
  }
  return new TextDecoder().decode(concat(chunks, size));
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

/** The Content-Length header as a number, when present and sane. */
export function declaredLength(response: Response): number | undefined {
  const header = response.headers.get('content-length');
  if (header === null || !/^\s*\d+\s*$/.test(header)) return undefined;
  return Number(header);
}
