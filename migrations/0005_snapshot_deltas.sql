-- Per-snapshot deltas, written by the save that creates the snapshot: the object ids it gained and
-- lost against its predecessor (the newest snapshot when it was saved, `delta_base`). A question
-- over many snapshots (flow history, diff) then reads a few rows per snapshot instead of every
-- snapshot's whole membership. `delta_base` NULL (rows saved before this version): no delta is
-- stored and readers compute it from snapshot_objects, as before. No foreign key on object_id: an
-- object a retained snapshot lost may be collected with its base; such a delta is then never read
-- (its base is gone, so it is not the delta between two stored neighbours).
ALTER TABLE snapshots ADD COLUMN delta_base INTEGER;

CREATE TABLE snapshot_deltas (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
  object_id   INTEGER NOT NULL,
  added       INTEGER NOT NULL,            -- 1: in the snapshot, not in its base; 0: the reverse
  PRIMARY KEY (snapshot_id, added, object_id)
) WITHOUT ROWID;
