-- Snapshot history: snapshots, the objects in them (stored once per distinct content) and the
-- index tables that answer label/selector/CIDR/IP questions without loading a snapshot.
-- Index rows hang off objects, so an object unchanged across snapshots is indexed once.

CREATE TABLE snapshots (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  taken_at  TEXT    NOT NULL,            -- ISO 8601 UTC (Date.toISOString), compares as text
  source    TEXT    NOT NULL,            -- SnapshotSource
  hash      TEXT    NOT NULL,            -- sha256 over source + the ordered object hashes
  counts    TEXT    NOT NULL,            -- JSON object: namespaces, pods, ... policies
  detail    TEXT                         -- JSON object or NULL
);

CREATE TABLE objects (
  id        INTEGER PRIMARY KEY,
  hash      TEXT    NOT NULL UNIQUE,     -- sha256 over kind + canonical JSON body
  kind      TEXT    NOT NULL,            -- Namespace, Pod, Deployment..., Service, EndpointSlice, Node, NetworkPolicy, NotAnalysable
  namespace TEXT,                        -- NULL for cluster-scoped objects
  name      TEXT    NOT NULL,
  body      TEXT    NOT NULL             -- canonical JSON of the normalised model object
);

-- Membership: which objects a snapshot holds, in the snapshot's own order (seq) so that reading a
-- snapshot back gives the identical value.
CREATE TABLE snapshot_objects (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  object_id   INTEGER NOT NULL REFERENCES objects (id),
  PRIMARY KEY (snapshot_id, seq)
) WITHOUT ROWID;

-- Labels of labelled objects (pods, namespaces, workload templates, services, nodes).
CREATE TABLE object_labels (
  object_id INTEGER NOT NULL REFERENCES objects (id) ON DELETE CASCADE,
  key       TEXT    NOT NULL,
  value     TEXT    NOT NULL
);

-- Label keys/values a policy's selectors name: podSelector and every pod peer's pod and namespace
-- selector; matchLabels and matchExpressions. value NULL: Exists/DoesNotExist (the key only).
CREATE TABLE policy_selector_labels (
  object_id INTEGER NOT NULL REFERENCES objects (id) ON DELETE CASCADE,
  key       TEXT    NOT NULL,
  value     TEXT
);

-- ipBlocks of a policy: one row for the cidr (is_except 0) and one per except (is_except 1), all
-- sharing the block's ordinal. lo/hi: fixed-width lowercase hex (8 digits v4, 32 digits v6), so
-- text order is numeric order and containment is a range search.
CREATE TABLE policy_cidrs (
  object_id INTEGER NOT NULL REFERENCES objects (id) ON DELETE CASCADE,
  block     INTEGER NOT NULL,
  family    INTEGER NOT NULL,            -- 4 or 6
  lo        TEXT    NOT NULL,
  hi        TEXT    NOT NULL,
  cidr      TEXT    NOT NULL,            -- as written
  is_except INTEGER NOT NULL
);

-- Pod addresses, same fixed-width hex encoding.
CREATE TABLE pod_ips (
  object_id INTEGER NOT NULL REFERENCES objects (id) ON DELETE CASCADE,
  family    INTEGER NOT NULL,
  addr      TEXT    NOT NULL
);
