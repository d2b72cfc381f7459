// `at`: the snapshot in force at a time — the newest one taken at or before it. Times are RFC 3339
// with a zone (`2026-12-03T10:00:00Z`, `...+01:00`); a time before the first stored snapshot names
// nothing and says so.
import { InputError } from '../../model/diagnostics.ts';
import type { HistoryEntry } from '../../store/history.ts';

/** A snapshot a request names (by id or time) that the store does not hold: REST 404, gRPC NOT_FOUND. */
export class UnknownSnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownSnapshotError';
  }
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch; InputError naming `field` when the text is not RFC 3339. */
export function parseTime(text: string, field: string): number {
  const ms = RFC3339.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw new InputError(`${field} ${JSON.stringify(text)}: expected an RFC 3339 time such as 2026-12-03T10:00:00Z`);
  return ms;
}

export function snapshotAt(entries: readonly HistoryEntry[], at: string, field = 'at'): HistoryEntry {
  const ms = parseTime(at, field);
  let found: HistoryEntry | undefined;
  for (const e of entries) if (Date.parse(e.takenAt) <= ms) found = e;
  if (!found) {
    const oldest = entries[0];
    throw new UnknownSnapshotError(
      oldest
        ? `${field} ${at}: no snapshot was stored at or before it (the oldest kept is ${oldest.id}, taken ${oldest.takenAt})`
        : `${field} ${at}: no snapshot is stored`,
    );
  }
  return found;
}

/** An id or an RFC 3339 time (as `base`/`head` take them). */
export function snapshotRef(entries: readonly HistoryEntry[], ref: string, field: string): HistoryEntry {
  if (/^\d+$/.test(ref)) {
    const e = entries.find((x) => x.id === Number(ref));
    if (!e) throw new UnknownSnapshotError(`${field} ${ref}: no snapshot ${ref} is stored`);
    return e;
  }
  return snapshotAt(entries, ref, field);
}
