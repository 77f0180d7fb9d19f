// Schema version 2: what the alerting keeps (alert-log.ts). v1's `alert_events` was never
// written to, so it is dropped rather than converted. Times are milliseconds since the epoch;
// figures and alert keys are JSON. No CHECK on rule, severity or kind: the alerting contract
// may grow without a table rebuild (SQLite cannot alter a CHECK).
export const SCHEMA_V2 = `
DROP TABLE alert_events;

-- One row per alert from its firing to its resolution. model is NULL for the workspace,
-- class_name NULL for the model as a whole ('' is the no-detection class).
CREATE TABLE alert_events (
  id INTEGER PRIMARY KEY,
  rule TEXT NOT NULL,
  model TEXT,
  class_name TEXT,
  severity TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,             -- NULL while active
  message TEXT NOT NULL,
  resolved_message TEXT,
  figures TEXT NOT NULL,        -- JSON, at firing
  end_figures TEXT,             -- JSON, at resolution
  acknowledged_at INTEGER
);
CREATE INDEX alert_events_by_start ON alert_events (started_at);
-- The few active alerts, newest first, without a scan: the inbox and each resolution read them.
CREATE INDEX alert_events_active ON alert_events (started_at) WHERE ended_at IS NULL;

-- Every notification that left the core. alerts: JSON array of [rule, model, className].
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  model TEXT,
  severity TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  alerts TEXT NOT NULL
);
CREATE INDEX notifications_by_at ON notifications (at);

-- Rules the user silenced, per model ('' for the workspace level: a primary key column cannot
-- usefully be NULL). until NULL: until the alert resolves.
CREATE TABLE snoozes (
  rule TEXT NOT NULL,
  model TEXT NOT NULL DEFAULT '',
  until INTEGER,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (rule, model)
);
`;
