/**
 * The history tables (issue 20), the migrations after the alerts and image updates ones: kept
 * apart only for length, applied in this order after them (see migrations.ts). Append-only, like
 * the rest: a later migration goes at the end of MIGRATIONS.
 */
export const HISTORY_MIGRATIONS: readonly string[] = [
  `
  -- History (issue 20): what an admin chose to keep per host beyond what is always kept
  -- (capsules, session rows, the events timeline). No row: the defaults, both off.
  CREATE TABLE history_settings (
    host_id TEXT PRIMARY KEY,
    metrics INTEGER NOT NULL DEFAULT 0,
    recording TEXT NOT NULL DEFAULT 'off' CHECK (recording IN ('off', 'output', 'output-and-input')),
    updated_by TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `,
  `
  -- History (issue 20): terminal sessions. A row is written when an exec or attach starts and
  -- completed when it ends; one left without an end by a crash is marked 'unknown' at start.
  -- container_labels (JSON) narrow the rows to a caller's label scope on the host.
  CREATE TABLE terminal_sessions (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('exec', 'attach')),
    host_id TEXT NOT NULL,
    container_id TEXT NOT NULL,
    container_name TEXT NOT NULL,
    container_labels TEXT NOT NULL DEFAULT '{}',
    user_id TEXT,
    user_name TEXT NOT NULL,
    command TEXT NOT NULL,
    exec_user TEXT,
    exec_user_effective TEXT,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    exit_code INTEGER,
    bytes_in INTEGER NOT NULL DEFAULT 0,
    bytes_out INTEGER NOT NULL DEFAULT 0,
    ended_how TEXT,
    recording TEXT NOT NULL DEFAULT 'off',
    recording_file TEXT,
    recording_bytes INTEGER NOT NULL DEFAULT 0,
    recording_note TEXT
  );
  -- The admin page lists every session newest first, and pruning deletes the oldest by age:
  -- both walk started_at.
  CREATE INDEX terminal_sessions_started ON terminal_sessions (started_at);
  -- A user's own sessions (the account page), newest first, without scanning everyone's.
  CREATE INDEX terminal_sessions_user ON terminal_sessions (user_id, started_at);
  -- The admin page filtered by host (the common filter), newest first.
  CREATE INDEX terminal_sessions_host ON terminal_sessions (host_id, started_at);
  -- The size bound deletes the oldest recordings first; only rows with a file are in it.
  CREATE INDEX terminal_sessions_recordings ON terminal_sessions (started_at)
    WHERE recording_file IS NOT NULL;
  `,
  `
  -- History (issue 20): the events timeline. Every engine event a host's events stream brings
  -- (already received for the model: no engine call of its own), bounded by age and count
  -- (HARBORMASTER_TIMELINE_RETENTION_DAYS, HARBORMASTER_TIMELINE_MAX_EVENTS), oldest first.
  CREATE TABLE timeline_events (
    id INTEGER PRIMARY KEY,
    host_id TEXT NOT NULL,
    -- Nanoseconds as the engine gives them (19 digits: sorts as text), and ms for queries.
    time_nano TEXT NOT NULL,
    time_ms INTEGER NOT NULL,
    type TEXT NOT NULL,
    action TEXT NOT NULL,
    action_detail TEXT,
    actor_id TEXT NOT NULL,
    actor_name TEXT,
    -- com.docker.compose.project or com.docker.stack.namespace.
    stack TEXT,
    -- The attributes an object's events share (a container's labels, name, image)...
    attributes_id INTEGER NOT NULL,
    -- ...and those of this event alone (exitCode, signal, execID...), JSON or NULL.
    extra TEXT
  );
  -- A container's labels are most of an event's size (a compose container's ~1.4 KiB) and the
  -- same in each of its events: kept once per distinct set (JSON object), found by its hash.
  CREATE TABLE timeline_attributes (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    json TEXT NOT NULL
  );
  -- The event's identity (as HostEvents' eventKey): a server restart resumes two seconds back
  -- and gets those events again, which the hub cannot know it saw; INSERT OR IGNORE drops them.
  -- Led by the time, it also serves the age prune (a range on time_nano).
  CREATE UNIQUE INDEX timeline_events_identity
    ON timeline_events(time_nano, host_id, type, actor_id, action);
  -- The host's timeline newest first, with type, action and text filtered along the way.
  CREATE INDEX timeline_events_host ON timeline_events(host_id, time_ms);
  -- One container's timeline, by id or by name (every container that had the name).
  CREATE INDEX timeline_events_actor ON timeline_events(host_id, actor_id, time_ms);
  CREATE INDEX timeline_events_name ON timeline_events(host_id, actor_name, time_ms);
  -- One stack's timeline.
  CREATE INDEX timeline_events_stack ON timeline_events(host_id, stack, time_ms)
    WHERE stack IS NOT NULL;
  -- The user actions of one host beside its events (the audit log had no host index).
  CREATE INDEX audit_log_host ON audit_log(host_id, at);
  `,
  `
  -- Metric history (issue 20): one series per host (the sum of its containers) and per
  -- container key (compose project/service/number, else the name: a recreated container
  -- continues its series). \`labels\` are the latest container's, for the label scope.
  CREATE TABLE metric_series (
    id INTEGER PRIMARY KEY,
    host_id TEXT NOT NULL,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    labels TEXT NOT NULL DEFAULT '{}',
    last_sample_at INTEGER NOT NULL,
    UNIQUE (host_id, key)
  );
  -- Points of the three tiers (0: 10 s, 1: 1 min, 2: 10 min), \`t\` the start of the interval
  -- (ms), \`n\` the 10 s samples folded in. Integers (CPU in hundredths of a percent, bytes,
  -- bytes/s) are stored in a few bytes each; the 10 s tier leaves min and max NULL (they equal
  -- the average), which costs a byte each. Every query names one series and one tier: a chart's
  -- range (t between), retention (t older than the tier's age) and the series bound (all of a
  -- series), so the primary key (series_id, tier, t) of a WITHOUT ROWID table serves them all as
  -- range scans over rows stored in that order, and no other index is kept (one on t alone
  -- would grow the busiest table by a third for a once-a-minute delete).
  CREATE TABLE metric_points (
    series_id INTEGER NOT NULL REFERENCES metric_series (id) ON DELETE CASCADE,
    tier INTEGER NOT NULL,
    t INTEGER NOT NULL,
    n INTEGER NOT NULL,
    cpu_min INTEGER, cpu_avg INTEGER NOT NULL, cpu_max INTEGER,
    mem_min INTEGER, mem_avg INTEGER NOT NULL, mem_max INTEGER,
    rx_min INTEGER, rx_avg INTEGER NOT NULL, rx_max INTEGER,
    tx_min INTEGER, tx_avg INTEGER NOT NULL, tx_max INTEGER,
    br_min INTEGER, br_avg INTEGER NOT NULL, br_max INTEGER,
    bw_min INTEGER, bw_avg INTEGER NOT NULL, bw_max INTEGER,
    PRIMARY KEY (series_id, tier, t)
  ) WITHOUT ROWID;
  -- When a series' container id changed (recreated), for the chart's marks; read per series
  -- between two times, pruned per series by age: the primary key serves both.
  CREATE TABLE metric_id_changes (
    series_id INTEGER NOT NULL REFERENCES metric_series (id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    container_id TEXT NOT NULL,
    PRIMARY KEY (series_id, at)
  ) WITHOUT ROWID;
  `,
  `
  -- Crash capsules (issue 20, history/capsules/): one row per container that died badly or was
  -- removed, with its masked inspect and last log lines (JSON). held = 1: a clean exit's
  -- snapshot, hidden, kept only until a destroy makes it a "removed" capsule (or a later die of
  -- the same container replaces it). bytes: the row's text size, summed for the size bound.
  CREATE TABLE capsules (
    id TEXT PRIMARY KEY,
    host_id TEXT NOT NULL,
    container_id TEXT NOT NULL,
    name TEXT NOT NULL,
    held INTEGER NOT NULL DEFAULT 0,
    reason TEXT NOT NULL CHECK (reason IN ('exit', 'oom', 'removed')),
    exit_code INTEGER,
    oom_killed INTEGER NOT NULL DEFAULT 0,
    started_at TEXT,
    finished_at TEXT,
    image TEXT NOT NULL,
    image_id TEXT,
    image_digests TEXT NOT NULL DEFAULT '[]',
    labels TEXT NOT NULL DEFAULT '{}',
    inspect TEXT,
    log TEXT NOT NULL DEFAULT '[]',
    log_source TEXT NOT NULL CHECK (log_source IN ('engine', 'retention', 'none')),
    log_line_count INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '[]',
    bytes INTEGER NOT NULL,
    -- The die event's timeNano: a replayed event (a cold start reads 2 s back) makes no second one.
    die_event TEXT,
    captured_at INTEGER NOT NULL
  );
  -- The host's list, newest first (the "recently crashed or removed" page), held rows skipped.
  CREATE INDEX capsules_by_host ON capsules (host_id, held, captured_at DESC);
  -- A container name's earlier runs (the container page, alerts' links: ?name=).
  CREATE INDEX capsules_by_name ON capsules (host_id, name, captured_at DESC);
  -- A destroy finds its container's held snapshot, or the capsule its die already made.
  CREATE INDEX capsules_by_container ON capsules (host_id, container_id);
  -- Retention deletes oldest first, across hosts; with bytes in it, the size bound's SUM and
  -- its oldest-first walk read the index alone, not the rows' large log and inspect texts.
  CREATE INDEX capsules_by_age ON capsules (captured_at, bytes);

  -- Log retention (opt-in): which containers' logs the server follows, per host.
  CREATE TABLE log_retention_rules (
    id TEXT PRIMARY KEY,
    host_id TEXT NOT NULL,
    match TEXT NOT NULL CHECK (match IN ('name', 'label')),
    value TEXT NOT NULL,
    -- The label scope of the operator who made it ('' for none): it follows only inside it.
    scope TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (host_id, match, value, scope)
  );
  -- The rings: the last lines of each followed container (trimmed to N after every batch).
  -- Keyed by container and sequence: reading the ring and trimming it are range scans.
  CREATE TABLE log_ring_lines (
    host_id TEXT NOT NULL,
    container_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    stream TEXT NOT NULL,
    text TEXT NOT NULL,
    partial INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (host_id, container_id, seq)
  ) WITHOUT ROWID;
  `,
]
