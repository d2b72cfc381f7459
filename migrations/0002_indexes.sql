-- Secondary indexes: lookups by label / address, joins through snapshot membership, and the
-- object_id indexes that keep retention's cascading deletes and orphan collection cheap.

CREATE INDEX snapshot_objects_by_object ON snapshot_objects (object_id, snapshot_id);
CREATE INDEX snapshots_by_taken_at ON snapshots (taken_at);

CREATE INDEX object_labels_by_label ON object_labels (key, value);
CREATE INDEX object_labels_by_object ON object_labels (object_id);

CREATE INDEX policy_selector_labels_by_label ON policy_selector_labels (key, value);
CREATE INDEX policy_selector_labels_by_object ON policy_selector_labels (object_id);

CREATE INDEX policy_cidrs_by_range ON policy_cidrs (family, lo, hi);
CREATE INDEX policy_cidrs_by_object ON policy_cidrs (object_id);

CREATE INDEX pod_ips_by_addr ON pod_ips (family, addr);
CREATE INDEX pod_ips_by_object ON pod_ips (object_id);
