// Plain-text output shared by the CLI's commands.

/** Columns padded to their widest cell (counted in code points: sparklines are multi-byte). */
export function table(rows: readonly string[][], align: readonly ('l' | 'r')[] = []): string {
  const width = (text: string) => [...text].length;
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const pad = ' '.repeat(widths[i]! - width(cell));
          return align[i] === 'r' ? pad + cell : cell + pad;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `2026-11-28 07:30`: a UTC time to the minute (callers add "UTC" where it reads well). */
export function utcMinute(date: Date): string {
  return date.toISOString().slice(0, 16).replace('T', ' ');
}
