-- Daily summaries for reports. A year's report reads a few thousand of these rows instead of millions of
-- tickets. Each day is summarised per dimension (service, hour of issue, counter, clerk) with counts, sums
-- and a wait histogram in fixed buckets, so medians and 90th percentiles over any range come from summed
-- histograms. The rows are derived from `tickets` (+ `feedback`) and can be rebuilt for a day at any time.
CREATE TABLE stats_daily (
  dim TEXT NOT NULL CHECK (dim IN ('service', 'hour', 'counter', 'clerk')),
  day TEXT NOT NULL,
  -- service id, hour '00'..'23', counter id, clerk id; '' = never called (counter, clerk).
  key TEXT NOT NULL,
  issued INTEGER NOT NULL DEFAULT 0,
  called INTEGER NOT NULL DEFAULT 0,
  served INTEGER NOT NULL DEFAULT 0,
  no_shows INTEGER NOT NULL DEFAULT 0,
  cancelled INTEGER NOT NULL DEFAULT 0,
  expired INTEGER NOT NULL DEFAULT 0,
  within_target INTEGER NOT NULL DEFAULT 0,
  wait_sum_ms INTEGER NOT NULL DEFAULT 0,
  service_count INTEGER NOT NULL DEFAULT 0,
  service_sum_ms INTEGER NOT NULL DEFAULT 0,
  walkup_count INTEGER NOT NULL DEFAULT 0,
  walkup_sum_ms INTEGER NOT NULL DEFAULT 0,
  feedback_count INTEGER NOT NULL DEFAULT 0,
  feedback_sum INTEGER NOT NULL DEFAULT 0,
  -- Little-endian uint32 counts per wait bucket (see server/src/stats/wait-histogram.ts), trailing zeros cut.
  wait_hist BLOB,
  PRIMARY KEY (dim, day, key)
) WITHOUT ROWID;

-- Which days are summarised, and up to which event: a day whose log has grown since is summarised again.
CREATE TABLE stats_days (
  day TEXT PRIMARY KEY,
  built_seq INTEGER NOT NULL,
  -- Feedback is not in the event log; a rating given later marks its day for a new summary.
  stale INTEGER NOT NULL DEFAULT 0,
  built_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER feedback_marks_stats_stale AFTER INSERT ON feedback BEGIN
  UPDATE stats_days SET stale = 1 WHERE day = (SELECT day FROM tickets WHERE rowid = NEW.ticket_rowid);
END;
