// Change impact (POST /v1/impact) and the snapshot objects `netreach impact --base URL` reads. The
// answer is the CLI's `-o json` (and its text and Markdown for Accept: text/*).
import { answerImpact } from '../../../query/answered.ts';
import { parsePolicyRefs } from '../../../query/policy-ref.ts';
import { PRESENTERS } from '../../../render/presenters.ts';
import { type Diagnostic, InputError, hasErrors } from '../../../model/diagnostics.ts';
import { compile } from '../../../engine/index.ts';
import { type ImpactGroupBy, changeSetOf } from '../../../query/impact.ts';
import { decodeManifestText } from '../../../query/manifest-text.ts';
import type { Snapshot } from '../../../model/types.ts';
import { answer, servedSnapshot } from '../answer.ts';
import type { Handlers, JsonBody, Params, Query, RouteContext } from './context.ts';

interface Proposal {
  readonly snapshot?: number;
  readonly at?: string;
  readonly proposed: Snapshot;
  readonly deletes: readonly string[];
  readonly groupBy: ImpactGroupBy;
  /** Whole-state form: `proposed` is the full head state; `base`, when given, replaces the served snapshot. */
  readonly whole?: { readonly base?: Snapshot };
}

/** Objects sent as a JSON array, decoded like an uploaded List would be. */
function decodeItems(items: readonly unknown[], field: string): Snapshot {
  const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
  return decoded(decodeManifestText(text, { file: `body.${field}`, source: 'upload' }));
}

/** A broken object in the proposal is bad input, not "no change". */
function decoded(result: { snapshot: Snapshot; diagnostics: readonly Diagnostic[] }): Snapshot {
  if (hasErrors(result.diagnostics)) throw new InputError('the proposed objects have errors', result.diagnostics);
  return result.snapshot;
}

function proposalOf(body: unknown, query: Query<'impact'>): Proposal {
  const deletes = parsePolicyRefs(query.delete ?? [], (i) => `query.delete[${i}]`);
  if (typeof body === 'string') {
    const proposed = decoded(decodeManifestText(body, { file: 'request', source: 'upload', requireIdentity: true, limits: {} }));
    return { snapshot: query.snapshot, at: query.at, proposed, deletes, groupBy: query.groupBy ?? 'pod' };
  }
  const json = body as JsonBody<'impact'>;
  const groupBy = json.groupBy ?? query.groupBy ?? 'pod';
  if (json.head !== undefined) {
    if (json.apply?.length || json.delete?.length || deletes.length)
      throw new InputError('`head` is the whole state after the change: send `apply`/`delete` (an overlay) or `head`, not both');
    const base = json.base === undefined ? undefined : decodeItems(json.base, 'base');
    return { snapshot: json.snapshot ?? query.snapshot, proposed: decodeItems(json.head, 'head'), deletes: [], groupBy, whole: { base } };
  }
  if (json.base !== undefined) throw new InputError('`base` goes with `head` (the whole-state form)');
  // A List in `apply` is flattened like a file's would be: the same decoder as uploads.
  const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: json.apply ?? [] });
  const proposed = decoded(decodeManifestText(text, { file: 'body.apply', source: 'upload', requireIdentity: true, limits: {} }));
  return {
    snapshot: json.snapshot ?? query.snapshot,
    at: json.at ?? query.at,
    proposed,
    deletes: [...parsePolicyRefs(json.delete ?? [], (i) => `body.delete[${i}]`), ...deletes],
    groupBy: json.groupBy ?? query.groupBy ?? 'pod',
  };
}

export function impactRoutes(ctx: RouteContext): Pick<Handlers, 'impact' | 'getSnapshotObjects'> {
  return {
    async impact(request, reply) {
      const p = proposalOf(request.body, request.query as Query<'impact'>);
      const compiled = p.whole?.base ? compile(p.whole.base) : servedSnapshot(ctx.service, p.snapshot, p.at).compiled;
      const a = answerImpact(compiled, p.whole ? { head: p.proposed } : { overlay: changeSetOf(p.proposed, p.deletes) }, {
        groupBy: p.groupBy,
      });
      if (hasErrors(a.value.diagnostics))
        throw new InputError('the change set names objects the snapshot does not hold', a.value.diagnostics);
      return answer(request, reply, { ...a, value: { answer: a.value } }, PRESENTERS.impact);
    },
    async getSnapshotObjects(request) {
      const { id } = request.params as Params<'getSnapshotObjects'>;
      return servedSnapshot(ctx.service, id).snapshot;
    },
  };
}
