// Snapshot diff as flows: what could connect in `base` and cannot in `head` (lost) and the reverse
// (gained), with the same flows, shape and grouping as `impact` (query/impact.ts: impact between the
// two compiled snapshots), plus the object changes behind them as history causes (units.ts).
import { impact } from '../../engine/index.ts';
import { type ImpactAnswer, type ImpactFlow, type ImpactGroupBy, impactAnswer } from '../impact.ts';
import type { Timeline } from './timeline.ts';
import { type Cause, changeUnits } from './units.ts';

export type DiffFlow = ImpactFlow & { readonly port: number };

export interface SnapshotDiffAnswer extends Omit<ImpactAnswer, 'lost' | 'gained'> {
  readonly base: { readonly id: number; readonly takenAt: string };
  readonly head: { readonly id: number; readonly takenAt: string };
  /** Each flow's `port` is its first port (`ports` holds them all). */
  readonly lost: readonly DiffFlow[];
  readonly gained: readonly DiffFlow[];
  readonly changes: readonly Cause[];
}

const withPort = (f: ImpactFlow): DiffFlow => ({ ...f, port: f.ports[0]?.[0] ?? 0 });

export function snapshotFlowDiff(t: Timeline, base: number, head: number, groupBy: ImpactGroupBy = 'pod'): SnapshotDiffAnswer {
  const before = t.compiled(base);
  const after = t.compiled(head, before);
  const answer = impactAnswer(before, after, impact(before, after), { groupBy });
  const entry = (id: number) => ({ id, takenAt: t.entry(id)?.takenAt ?? '' });
  return {
    ...answer,
    base: entry(base),
    head: entry(head),
    lost: answer.lost.map(withPort),
    gained: answer.gained.map(withPort),
    changes: changeUnits(t.delta(base, head)).map((u) => u.cause),
  };
}
