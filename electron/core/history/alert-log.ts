// The alert log (schema-v2.ts): alerts from firing to resolution, the notifications sent, and
// the snoozes. Figures and alert keys are stored as JSON; a row whose JSON is damaged still
// lists (with {} or no keys), since a damaged row must not hide the inbox.
import type { AlertEvent, AlertFigures, AlertKey, NotificationKind, RuleName, Severity } from '../alerts/types';
import type { TimeWindow } from '../stats/types';
import type { StoreContext } from './context';
import { isHistoryError } from './errors';
import { assertDate } from './time';
import type { AlertLog, AlertSnooze, StoredAlert, StoredNotification } from './types';
import { numberOf, numberOrNull, rowsOf, rowOf, stringOf, stringOrNull, type Row } from './values';

export const DEFAULT_ALERT_LIST_LIMIT = 500;

const ALERT_COLUMNS = 'id, rule, model, class_name, severity, started_at, ended_at, message, resolved_message, figures, end_figures, acknowledged_at';
const NOTIFICATION_COLUMNS = 'id, at, kind, model, severity, title, body, alerts';
// `IS` so that a NULL model or class matches NULL. `ended_at IS NULL` lets SQLite use the
// partial index of active alerts.
const ACTIVE_WITH_KEY = 'ended_at IS NULL AND rule = ? AND model IS ? AND class_name IS ?';

export function createAlertLog({ connection }: StoreContext): AlertLog {
  return {
    recordAlertFiring(event) {
      assertEvent(event, 'firing');
      const figures = JSON.stringify(event.figures);
      return connection.write('record the alert', () => {
        // One active alert per key: a repeated firing (the lifecycle restarted, say) keeps the
        // alert already recorded, and its start.
        const active = rowOf(connection.statement(`SELECT id FROM alert_events WHERE ${ACTIVE_WITH_KEY} ORDER BY started_at, id LIMIT 1`).get(...keyValues(event.key)));
        if (active !== undefined) return numberOf(active.id);
        const insert = connection.statement('INSERT INTO alert_events (rule, model, class_name, severity, started_at, message, figures) VALUES (?, ?, ?, ?, ?, ?, ?)');
        return Number(insert.run(...keyValues(event.key), event.severity, event.startedAt.getTime(), event.message, figures).lastInsertRowid);
      });
    },

    recordAlertResolved(event) {
      assertEvent(event, 'resolved');
      const figures = JSON.stringify(event.figures);
      connection.write('record the alert resolved', () => {
        // Never ending before it started (a clock set back), so window queries stay consistent.
        connection
          .statement(`UPDATE alert_events SET ended_at = max(started_at, ?), resolved_message = ?, end_figures = ? WHERE ${ACTIVE_WITH_KEY}`)
          .run(event.at.getTime(), event.message, figures, ...keyValues(event.key));
      });
    },

    alerts(window, limit = DEFAULT_ALERT_LIST_LIMIT) {
      const [start, end] = range(window);
      assertLimit(limit);
      return connection.read('read the alerts', () =>
        rowsOf(
          connection
            .statement(`SELECT ${ALERT_COLUMNS} FROM alert_events WHERE started_at < ? AND (ended_at IS NULL OR ended_at >= ?) ORDER BY started_at DESC, id DESC LIMIT ?`)
            .all(end, start, limit),
        ).map(alertFrom),
      );
    },

    activeAlerts() {
      return connection.read('read the active alerts', () =>
        rowsOf(connection.statement(`SELECT ${ALERT_COLUMNS} FROM alert_events WHERE ended_at IS NULL ORDER BY started_at DESC, id DESC`).all()).map(alertFrom),
      );
    },

    acknowledgeAlert(id, at) {
      assertDate(at, 'The acknowledgement time');
      return connection.write('acknowledge the alert', () => connection.statement('UPDATE alert_events SET acknowledged_at = coalesce(acknowledged_at, ?) WHERE id = ?').run(at.getTime(), id).changes > 0);
    },

    recordNotification(notification) {
      assertDate(notification.at, 'The notification time');
      const alerts = JSON.stringify(notification.alerts.map((key) => keyValues(key)));
      const { kind, model, severity, title, body } = notification;
      return connection.write('record the notification', () =>
        Number(
          connection
            .statement('INSERT INTO notifications (at, kind, model, severity, title, body, alerts) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(notification.at.getTime(), kind, model, severity, title, body, alerts).lastInsertRowid,
        ),
      );
    },

    notifications(window, limit = DEFAULT_ALERT_LIST_LIMIT) {
      const [start, end] = range(window);
      assertLimit(limit);
      return connection.read('read the notifications', () =>
        rowsOf(connection.statement(`SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE at >= ? AND at < ? ORDER BY at DESC, id DESC LIMIT ?`).all(start, end, limit)).map(
          notificationFrom,
        ),
      );
    },

    saveSnooze(snooze) {
      assertDate(snooze.createdAt, "The snooze's creation time");
      if (snooze.until !== null) assertDate(snooze.until, "The snooze's end");
      const model = snoozeModel(snooze.model);
      connection.write('save the snooze', () => {
        connection
          .statement('INSERT OR REPLACE INTO snoozes (rule, model, until, created_at) VALUES (?, ?, ?, ?)')
          .run(snooze.rule, model, snooze.until?.getTime() ?? null, snooze.createdAt.getTime());
      });
    },

    removeSnooze(rule, model) {
      const stored = snoozeModel(model);
      connection.write('remove the snooze', () => {
        connection.statement('DELETE FROM snoozes WHERE rule = ? AND model = ?').run(rule, stored);
      });
    },

    snoozes(now) {
      assertDate(now, 'now');
      const at = now.getTime();
      const { inForce, expired } = connection.read('read the snoozes', () => ({
        inForce: rowsOf(connection.statement('SELECT rule, model, until, created_at FROM snoozes WHERE until IS NULL OR until > ? ORDER BY created_at DESC, rule, model').all(at)).map(
          snoozeFrom,
        ),
        expired: numberOf(rowOf(connection.statement('SELECT EXISTS (SELECT 1 FROM snoozes WHERE until <= ?) AS found').get(at))?.found) === 1,
      }));
      if (expired) {
        // Housekeeping: a reader of a read-only history (the CLI next to the app) or a full
        // disk still gets the list; a later call deletes them.
        try {
          connection.write('delete expired snoozes', () => connection.statement('DELETE FROM snoozes WHERE until <= ?').run(at));
        } catch (error) {
          if (!isHistoryError(error) || error.kind !== 'storage') throw error;
        }
      }
      return inForce;
    },
  };
}

function alertFrom(row: Row): StoredAlert {
  return {
    id: numberOf(row.id),
    key: { rule: stringOf(row.rule) as RuleName, model: stringOrNull(row.model), className: stringOrNull(row.class_name) },
    severity: stringOf(row.severity) as Severity,
    startedAt: new Date(numberOf(row.started_at)),
    endedAt: dateOrNull(row.ended_at),
    message: stringOf(row.message),
    resolvedMessage: stringOrNull(row.resolved_message),
    figures: figuresFrom(row.figures),
    endFigures: row.end_figures === null || row.end_figures === undefined ? null : figuresFrom(row.end_figures),
    acknowledgedAt: dateOrNull(row.acknowledged_at),
  };
}

function notificationFrom(row: Row): StoredNotification {
  return {
    id: numberOf(row.id),
    at: new Date(numberOf(row.at)),
    kind: stringOf(row.kind) as NotificationKind,
    model: stringOrNull(row.model),
    severity: stringOf(row.severity) as Severity,
    title: stringOf(row.title),
    body: stringOf(row.body),
    alerts: keysFrom(row.alerts),
  };
}

function snoozeFrom(row: Row): AlertSnooze {
  const model = stringOf(row.model);
  return { rule: stringOf(row.rule) as RuleName, model: model === '' ? null : model, until: dateOrNull(row.until), createdAt: new Date(numberOf(row.created_at)) };
}

/** '' stands for the workspace level in the table (a primary key column), so it is no model's name. */
function snoozeModel(model: string | null): string {
  if (model === '') throw new RangeError("A snooze's model must be a model's name, or null for the workspace.");
  return model ?? '';
}

const keyValues = (key: AlertKey): [RuleName, string | null, string | null] => [key.rule, key.model, key.className];

/** Damaged JSON, or values that are not figures, are left out: {} at worst. */
function figuresFrom(value: unknown): AlertFigures {
  const parsed = parseJson(value);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  // fromEntries, not assignment: a "__proto__" key stays a plain property.
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, number | string | null] => isFigure(entry[1])));
}

/** Damaged JSON gives no keys; a malformed entry is skipped. */
function keysFrom(value: unknown): AlertKey[] {
  const parsed = parseJson(value);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry: unknown): AlertKey[] => {
    if (!Array.isArray(entry)) return [];
    const [rule, model, className] = entry as unknown[];
    return typeof rule === 'string' && isTextOrNull(model) && isTextOrNull(className) ? [{ rule: rule as RuleName, model, className }] : [];
  });
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

const isFigure = (value: unknown): value is number | string | null => value === null || typeof value === 'number' || typeof value === 'string';
const isTextOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';

function dateOrNull(value: unknown): Date | null {
  const ms = numberOrNull(value);
  return ms === null ? null : new Date(ms);
}

function assertEvent(event: AlertEvent, expected: AlertEvent['event']): void {
  if (event.event !== expected) throw new RangeError(`Expected a ${expected} alert event (got ${String(event.event)}).`);
  assertDate(event.at, 'The alert event time');
  assertDate(event.startedAt, "The alert's start");
}

function range(window: TimeWindow): [number, number] {
  assertDate(window.start, 'The window start');
  assertDate(window.end, 'The window end');
  return [window.start.getTime(), window.end.getTime()];
}

function assertLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`The list limit must be a whole number >= 1 (got ${limit}).`);
}
