-- Head office's schema. Every table that grows is keyed by centre first, so that on a distributed PostgreSQL
-- (Citus) each is distributed by centre_id and a centre's rows live together (docs/decisions/0023-*.md).

CREATE TABLE hq_users (
  id            text PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  role          text NOT NULL CHECK (role IN ('admin', 'analyst')),
  password_hash text NOT NULL,
  created_at    bigint NOT NULL
);

CREATE TABLE hq_sessions (
  token_hash text PRIMARY KEY,
  user_id    text NOT NULL REFERENCES hq_users (id) ON DELETE CASCADE,
  expires_at bigint NOT NULL
);

-- A centre or an outreach team; its key is stored hashed and shown once when made. ack_seq: the highest seq
-- held without a hole, which the live feed resumes from.
CREATE TABLE centres (
  id            text PRIMARY KEY,
  code          text NOT NULL UNIQUE,
  name          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('centre', 'outreach')),
  county        text,
  parent_id     text REFERENCES centres (id),
  key_hash      text NOT NULL UNIQUE,
  ack_seq       bigint NOT NULL DEFAULT 0,
  last_heard_at bigint,
  created_at    bigint NOT NULL
);

-- Every event as the centre sent it (body), with the columns reports and partitions need. Partitioned by
-- month of the centre's day; partitions are made as events of a new month arrive. (centre_id, seq) is unique
-- by how events are admitted (only seqs not yet held), since a partitioned table's keys must hold the day.
CREATE TABLE events (
  centre_id  text NOT NULL,
  seq        bigint NOT NULL,
  day        date NOT NULL,
  at         bigint NOT NULL,
  type       text NOT NULL,
  ticket_id  text,
  service    text,
  body       jsonb NOT NULL,
  PRIMARY KEY (centre_id, seq, day)
) PARTITION BY RANGE (day);

-- What came, in which piece: a feed batch or an imported bundle. Pieces past a hole wait here until the
-- hole is filled; an identical bundle imported again is found by its digest.
CREATE TABLE received (
  centre_id   text NOT NULL REFERENCES centres (id),
  from_seq    bigint NOT NULL,
  to_seq      bigint NOT NULL,
  source      text NOT NULL CHECK (source IN ('feed', 'bundle')),
  day         date,
  sha256      text,
  received_at bigint NOT NULL
);
CREATE INDEX received_by_centre ON received (centre_id, to_seq);

-- Each ticket as its events so far leave it: what day summaries are made from.
CREATE TABLE tickets (
  centre_id       text NOT NULL,
  ticket_id       text NOT NULL,
  day             date NOT NULL,
  service         text NOT NULL,
  status          text NOT NULL,
  issued_at       bigint,
  first_called_at bigint,
  called_at       bigint,
  serving_at      bigint,
  done_at         bigint,
  sla_minutes     integer,
  rating          smallint,
  PRIMARY KEY (centre_id, ticket_id)
);
CREATE INDEX tickets_by_day ON tickets (centre_id, day);

-- A centre's day by service ('service', code) and by hour of issue ('hour', '08'), rebuilt for each day an
-- arrival touches: reports read only these. waits: the wait histogram's buckets (server/src/stats/wait-histogram.ts).
CREATE TABLE day_summaries (
  centre_id      text NOT NULL,
  day            date NOT NULL,
  dimension      text NOT NULL,
  key            text NOT NULL,
  issued         integer NOT NULL,
  called         integer NOT NULL,
  served         integer NOT NULL,
  no_shows       integer NOT NULL,
  within_target  integer NOT NULL,
  wait_sum_ms    bigint NOT NULL,
  service_count  integer NOT NULL,
  service_sum_ms bigint NOT NULL,
  feedback_count integer NOT NULL,
  feedback_sum   integer NOT NULL,
  waits          integer[] NOT NULL,
  PRIMARY KEY (centre_id, day, dimension, key)
);
CREATE INDEX day_summaries_by_day ON day_summaries (day, dimension);
