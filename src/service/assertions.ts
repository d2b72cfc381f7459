// The service's assertions (`netreach serve --assertions FILE`): evaluated on every snapshot the
// service serves, each one's state kept with the snapshot (and time) it has held since, and a log
// line on every change of state. GET /v1/assertions and the netreach_assertion_failing gauges read
// status(); a failing assertion's history is the flow history of its flow.
import { type AssertionResult, evaluateAssertions } from '../query/assertions/evaluate.ts';
import type { Assertion } from '../query/assertions/parse.ts';
import type { ServedSnapshot } from './served-snapshot.ts';

export interface AssertionStatus extends AssertionResult {
  readonly status: 'passing' | 'failing';
  /** The snapshot from which it has been in this state, and when that snapshot was taken. */
  readonly sinceSnapshot: number;
  readonly since: string;
}

export interface AssertionsReport {
  /** The snapshot last evaluated (absent before the first). */
  readonly snapshot?: number;
  readonly failing: number;
  readonly assertions: readonly AssertionStatus[];
}

export class AssertionMonitor {
  private states: AssertionStatus[] = [];
  private snapshot?: number;

  constructor(
    readonly assertions: readonly Assertion[],
    private readonly log: (line: string) => void,
  ) {}

  evaluate(served: ServedSnapshot): void {
    const results = evaluateAssertions(served.compiled, this.assertions);
    const previous = new Map(this.states.map((s) => [s.name, s]));
    const first = this.snapshot === undefined;
    this.states = results.map((r) => {
      const status = r.ok ? 'passing' : 'failing';
      const before = previous.get(r.name);
      if (before && before.status === status) return { ...r, status, sinceSnapshot: before.sinceSnapshot, since: before.since };
      if (!first || status === 'failing')
        this.log(
          `netreach: assertion ${r.name} ${first ? 'is' : 'now'} ${status} ` +
            `(snapshot ${served.meta.id || '(unsaved)'}): ` +
            `${r.message}${r.rules.length ? `; ${r.rules.join('; ')}` : ''}`,
        );
      return { ...r, status, sinceSnapshot: served.meta.id, since: served.meta.takenAt };
    });
    if (first) this.log(`netreach: ${results.length} assertion(s), ${results.filter((r) => !r.ok).length} failing`);
    this.snapshot = served.meta.id;
  }

  status(): AssertionsReport {
    return {
      ...(this.snapshot !== undefined ? { snapshot: this.snapshot } : {}),
      failing: this.states.filter((s) => s.status === 'failing').length,
      assertions: this.states,
    };
  }
}
