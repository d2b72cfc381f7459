// Flow history: one flow's verdict over the stored snapshots, as a time line of its changes, each
// with the object changes that caused it. Each snapshot is compiled reduced to the flow's scope
// (scope.ts: what check can read for these two sides), incrementally from the last one compiled; a
// snapshot whose changes are all out of scope cannot change the verdict and is not compiled at all.
// Attribution is exact: a change unit is a cause iff undoing it alone restores the old verdict; when
// no single unit does, the smallest pairs that do are given as joint causes, and failing those all
// the flow-relevant units together (undoing every one of them restores the old verdict by definition).
import type { CompiledSnapshot } from '../../engine/index.ts';
import { flowScope } from './scope.ts';
import { compile } from '../../engine/index.ts';
import type { SnapshotSource } from '../../model/types.ts';
import type { HistoryEntry } from '../../store/history.ts';
import { assembleValues } from '../../store/objects.ts';
import { type FlowQuery, type FlowSide, type FlowState, type FlowVerdict, flowSide, flowState } from './flow.ts';
import type { Pod } from '../../model/types.ts';
import type { StoredValue, Timeline } from './timeline.ts';
import { type Cause, type ChangeUnit, changeUnits, undoUnits } from './units.ts';
import { endpointSpecText } from '../endpoint-spec.ts';

export interface TimeRange {
  /** RFC 3339; snapshots taken at or after. */
  readonly since?: string;
  /** RFC 3339; snapshots taken at or before. */
  readonly until?: string;
}

export interface HistoryCause extends Cause {
  /** Set on causes that only together restore the old verdict: the number of their group. */
  readonly joint?: number;
}

export interface FlowChange {
  readonly snapshot: number;
  readonly takenAt: string;
  readonly verdict: FlowVerdict;
  /** The verdict in the previous stored snapshot; null for the first snapshot of the range. */
  readonly before: FlowVerdict | null;
  readonly causes: readonly HistoryCause[];
  /** The rules deciding the new verdict. */
  readonly rules: readonly string[];
  readonly standIns?: FlowState['standIns'];
}

export interface FlowHistoryAnswer {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: string;
  /** Snapshots in the range (oldest first: first and last id), and how many had to be compiled. */
  readonly snapshots: { readonly count: number; readonly first?: number; readonly last?: number; readonly compiled: number };
  readonly changes: readonly FlowChange[];
}

/** Pairs are tried only up to this many flow-relevant units (66 compiles at most). */
const MAX_UNITS_FOR_PAIRS = 12;

export function inRange(entries: readonly HistoryEntry[], range: TimeRange): HistoryEntry[] {
  const since = range.since === undefined ? -Infinity : Date.parse(range.since);
  const until = range.until === undefined ? Infinity : Date.parse(range.until);
  return entries.filter((e) => {
    const t = Date.parse(e.takenAt);
    return t >= since && t <= until;
  });
}

class Attributor {
  constructor(
    private readonly source: SnapshotSource,
    private readonly after: readonly StoredValue[],
    private readonly inScope: (v: StoredValue) => boolean,
    private readonly compiled: CompiledSnapshot,
    private readonly sides: readonly [FlowSide, FlowSide],
    private readonly query: FlowQuery,
    private readonly old: FlowVerdict,
  ) {}

  restores(units: readonly ChangeUnit[]): boolean {
    const undone = compile(assembleValues(this.source, undoUnits(this.after, units).filter(this.inScope)), this.compiled);
    return flowState(undone, this.sides[0], this.sides[1], this.query.port, this.query.protocol).verdict === this.old;
  }

  causes(units: readonly ChangeUnit[]): HistoryCause[] {
    const singles = units.filter((u) => this.restores([u]));
    if (singles.length) return singles.map((u) => u.cause);
    if (units.length <= MAX_UNITS_FOR_PAIRS) {
      const out: HistoryCause[] = [];
      let group = 0;
      for (let i = 0; i < units.length; i++) {
        for (let j = i + 1; j < units.length; j++) {
          if (this.restores([units[i], units[j]])) {
            group++;
            out.push({ ...units[i].cause, joint: group }, { ...units[j].cause, joint: group });
          }
        }
      }
      if (out.length) return out;
    }
    return units.map((u) => ({ ...u.cause, joint: 1 }));
  }
}

/** The newest stored version of a pod side (its workload identity survives the pod). */
function sideOf(t: Timeline, spec: FlowQuery['from']): FlowSide {
  const pod = spec.kind === 'pod' ? (t.latestNamed('Pod', spec.namespace, spec.name)?.value as Pod | undefined) : undefined;
  return flowSide(spec, pod);
}

export function flowHistory(t: Timeline, query: FlowQuery, range: TimeRange = {}): FlowHistoryAnswer {
  const entries = inRange(t.entries(), range);
  const sides: [FlowSide, FlowSide] = [sideOf(t, query.from), sideOf(t, query.to)];
  const inScope = flowScope(sides) ?? (() => true);
  const relevant = (u: ChangeUnit) => u.added.some(inScope) || u.removed.some(inScope);
  const changes: FlowChange[] = [];
  let last: CompiledSnapshot | undefined;
  let state: FlowState | undefined;
  let prev: HistoryEntry | undefined;
  let compiledCount = 0;
  /** The snapshot's objects in scope, compiled from the last compiled one. */
  const evaluate = (e: HistoryEntry): { state: FlowState; values: StoredValue[] } => {
    const values = t.values(t.memberIds(e.id)).filter(inScope);
    last = compile(assembleValues(e.source as SnapshotSource, values), last);
    compiledCount++;
    return { state: flowState(last, sides[0], sides[1], query.port, query.protocol), values };
  };
  for (const e of entries) {
    if (!prev || !state) {
      state = evaluate(e).state;
      changes.push(change(e, state, null, []));
    } else {
      const units = changeUnits(t.delta(prev.id, e.id)).filter(relevant);
      if (units.length > 0) {
        const next = evaluate(e);
        if (next.state.verdict !== state.verdict) {
          const attributor = new Attributor(e.source as SnapshotSource, next.values, inScope, last!, sides, query, state.verdict);
          changes.push(change(e, next.state, state.verdict, attributor.causes(units)));
        }
        state = next.state;
      }
    }
    prev = e;
  }
  return {
    from: endpointSpecText(query.from),
    to: endpointSpecText(query.to),
    port: query.port,
    protocol: query.protocol,
    snapshots: {
      count: entries.length,
      ...(entries.length ? { first: entries[0].id, last: entries.at(-1)!.id } : {}),
      compiled: compiledCount,
    },
    changes,
  };
}

function change(e: HistoryEntry, s: FlowState, before: FlowVerdict | null, causes: readonly HistoryCause[]): FlowChange {
  return {
    snapshot: e.id,
    takenAt: e.takenAt,
    verdict: s.verdict,
    before,
    causes,
    rules: s.rules,
    ...(s.standIns ? { standIns: s.standIns } : {}),
  };
}
