// Schema version 1: everything the history keeps. Times are integers: milliseconds since the
// epoch, or hour/day indexes since the epoch (UTC) in the hourly and daily tables. Averages are
// integers in micro-units (see micro.ts).
export const SCHEMA_V1 = `
-- One row per migration applied; the highest version is the schema's.
CREATE TABLE schema_version (
  version INTEGER PRIMARY KEY,
  applied_at INTEGER NOT NULL
);

-- Every series the history has seen, so the big tables carry a small integer id instead of names.
-- model and class are '' where they do not apply; at class level '' is the no-detection class.
CREATE TABLE series (
  id INTEGER PRIMARY KEY,
  level TEXT NOT NULL CHECK (level IN ('workspace', 'model', 'class')),
  model TEXT NOT NULL,
  class TEXT NOT NULL,
  first_seen INTEGER NOT NULL, -- fetch time of the first stored answer naming it (ms)
  last_seen INTEGER NOT NULL,  -- kept up to date for the workspace and models
  UNIQUE (level, model, class)
);

-- Each stored UTC hour: complete (final) or still refreshed by each poll. Kept per hour, not per
-- row: saveHour writes all the series of an hour at once, as one blob (pending_rows), which
-- retention later files into hourly (pending-hours.ts); NULL once filed.
CREATE TABLE hours (
  hour INTEGER PRIMARY KEY,
  complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
  fetched_at INTEGER NOT NULL,
  pending_rows BLOB
);
CREATE INDEX hours_pending ON hours (hour) WHERE pending_rows IS NOT NULL;

-- The figures of one exact UTC hour per series. WITHOUT ROWID: the key is the only index needed
-- (a sparkline reads one series over a range of hours) and no rowid is stored per row.
CREATE TABLE hourly (
  series_id INTEGER NOT NULL REFERENCES series (id),
  hour INTEGER NOT NULL,
  inferences INTEGER,
  errors INTEGER,
  avg_confidence INTEGER,
  median_confidence INTEGER,
  avg_response_time INTEGER,
  detections INTEGER,
  PRIMARY KEY (series_id, hour)
) WITHOUT ROWID;

-- Hours older than the hourly retention, rolled up per UTC day (rollup.ts says how).
CREATE TABLE daily (
  series_id INTEGER NOT NULL REFERENCES series (id),
  day INTEGER NOT NULL,
  inferences INTEGER,
  errors INTEGER,
  avg_confidence INTEGER,
  median_confidence INTEGER,
  avg_response_time INTEGER,
  detections INTEGER,
  PRIMARY KEY (series_id, day)
) WITHOUT ROWID;

-- Headline snapshots: the window and workspace totals as columns, for listing; everything else
-- in the compressed payload (snapshot-codec.ts). The payload comes last: a ~4 KB payload lives
-- mostly in an overflow page, which a query of the other columns never reads. Once retention
-- has thinned a day, its payloads move to that day's archive and the column is NULL.
CREATE TABLE snapshots (
  id INTEGER PRIMARY KEY,
  fetched_at INTEGER NOT NULL,
  window_start INTEGER NOT NULL,
  window_end INTEGER NOT NULL,
  inferences INTEGER,
  errors INTEGER,
  avg_confidence INTEGER,
  avg_response_time INTEGER,
  payload BLOB
);
CREATE INDEX snapshots_by_fetch ON snapshots (fetched_at);
-- The few snapshots not archived yet: retention finds the next day to archive without a scan.
CREATE INDEX snapshots_unarchived ON snapshots (fetched_at) WHERE payload IS NOT NULL;

-- The payloads of the snapshots kept from one thinned UTC day, compressed together
-- (snapshot-archive.ts): a third of the space of the same payloads one by one.
CREATE TABLE snapshot_archives (
  day INTEGER PRIMARY KEY,
  payload BLOB NOT NULL
);

CREATE TABLE polls (
  id INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  result TEXT NOT NULL,
  message TEXT
);
-- Covers availability's count by result over a range without reading the table.
CREATE INDEX polls_by_start ON polls (started_at, result);

-- Written by the alerting rules (a later issue). scope and figures are JSON.
CREATE TABLE alert_events (
  id INTEGER PRIMARY KEY,
  rule TEXT NOT NULL,
  scope TEXT NOT NULL,
  state TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  figures TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX alert_events_by_start ON alert_events (started_at);
`;
