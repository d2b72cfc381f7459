-- The network plugin an answer is given under, per snapshot: JSON of the engine's DataplaneSummary
-- ({plugin, name, enforcement, source}), or NULL for snapshots stored before this column existed or
-- saved without one. The evidence itself is stored as objects (kinds PluginDaemonSet,
-- PluginConfigMap, CrdGroups, CniOverride), like every other part of a snapshot.

ALTER TABLE snapshots ADD COLUMN dataplane TEXT;
