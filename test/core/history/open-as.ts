// Child process of storage-errors.test.ts: opens the history at `argv[2]` and tries to record a
// poll, then prints what happened as one JSON line. Run as another user to meet real file
// permissions (the test runs it as `nobody` when it runs as root, where chmod does not bind).
import { writeSync } from 'node:fs';
import { isHistoryError } from '../../../electron/core/history/errors';
import { openHistory } from '../../../electron/core/history/open-history';

const path = process.argv[2] ?? '';
try {
  const store = openHistory(path);
  try {
    store.recordPoll({ startedAt: new Date('2026-02-01T00:00:00Z'), durationMs: 1, result: 'ok' });
    writeSync(1, `${JSON.stringify({ outcome: 'wrote' })}\n`);
  } finally {
    store.close();
  }
} catch (error) {
  writeSync(1, `${JSON.stringify(isHistoryError(error) ? { outcome: 'HistoryError', kind: error.kind, message: error.message } : { outcome: 'other', message: String(error) })}\n`);
}
