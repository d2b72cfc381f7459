-- Stable storage form: every object body is rewritten as canonical JSON (keys sorted at every level,
-- arrays in order) and its sha256 recomputed, so equal content has one row and one hash whatever
-- order a producer built its keys in, and diffs (by hash) list exactly the objects that changed,
-- across restarts and upgrades. Rows that become equal are merged (memberships moved to the
-- surviving row); snapshot hashes are recomputed for the snapshots that held a rewritten row.
-- The rewrite is code (src/store/canonical-rows.ts), run by the migration runner in this version's
-- transaction, right after this file.
SELECT 1; -- the schema itself is unchanged
