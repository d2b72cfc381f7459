// `netreach impact`: what a proposed policy change loses and gains, for CI. Exit 0 when nothing is
// lost, 1 when flows are lost (unless --allow-loss) or, with --fail-on gained, when flows are gained,
// 2 on bad input.
import { compile } from '../../engine/index.ts';
import { InputError, hasErrors } from '../../model/diagnostics.ts';
import { decodeObjects } from '../../model/decode.ts';
import type { Snapshot } from '../../model/types.ts';
import { readManifests } from '../../ingest/manifests.ts';
import { type ImpactAnswer, type ImpactGroupBy, changeSetOf } from '../../query/impact.ts';
import { type Answered, answerImpact } from '../../query/answered.ts';
import { withCni } from '../../query/manifests.ts';
import { parsePolicyRefs } from '../../query/policy-ref.ts';
import { loadManifests, loadRead } from '../../query/manifests.ts';
import { readManifestsAtRef } from '../../ingest/git.ts';
import type { CniOverride } from '../../model/dataplane.ts';
import { parse, parseCni, parseOutput } from '../args.ts';
import { EXIT_BAD_INPUT, EXIT_LOST, EXIT_OK, type Io, reportDiagnostics } from '../io.ts';
import { fetchLatestSnapshot, isUrl } from '../remote-base.ts';
import { type Origins, originsOf } from '../../query/origins.ts';
import { type Format, render } from '../../render/presenter.ts';
import { PRESENTERS } from '../../render/presenters.ts';

export const IMPACT_USAGE = [
  'netreach impact (--base PATH...|URL | --base-ref REF) --head PATH...  (whole state: an object absent from --head is deleted)',
  '         netreach impact --base PATH|URL --proposed PATH... [--delete ns/name]...  (overlay: --proposed objects replace or add)',
  '         [-o text|json|markdown|sarif|github] [--group-by pod|workload] [--allow-loss] [--fail-on gained] [--cni NAME[,key=value...]]',
].join('\n');

const OPTIONS = {
  base: { type: 'string', multiple: true },
  proposed: { type: 'string', multiple: true },
  head: { type: 'string', multiple: true },
  'base-ref': { type: 'string' },
  delete: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
  'group-by': { type: 'string' },
  'allow-loss': { type: 'boolean' },
  'fail-on': { type: 'string', multiple: true },
  cni: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseGroupBy(value: string | undefined, format: Format): ImpactGroupBy {
  if (value === undefined) return format === 'markdown' ? 'workload' : 'pod';
  if (value !== 'pod' && value !== 'workload') throw new InputError(`--group-by ${value}: expected pod or workload`);
  return value;
}

/** The base snapshot, with --cni set on it: the change set is applied to it, so both sides answer
 * under the same plugin. */
async function loadBase(paths: readonly string[], io: Io, cni: CniOverride | undefined): Promise<Loaded> {
  if (paths.length === 1 && isUrl(paths[0])) return { snapshot: withCni((await fetchLatestSnapshot(paths[0])).snapshot, cni) };
  if (paths.some(isUrl)) throw new InputError('--base: give one URL, or manifest paths');
  const loaded = await loadManifests(paths, { stdin: io.stdin, cni });
  reportDiagnostics(io, loaded.diagnostics);
  return loaded;
}

/** The base as the same paths were at a git revision (`--base-ref`). */
async function loadBaseAtRef(ref: string, paths: readonly string[], io: Io, cni: CniOverride | undefined): Promise<Loaded> {
  const loaded = loadRead(await readManifestsAtRef(ref, paths), paths, { cni });
  reportDiagnostics(io, loaded.diagnostics);
  return loaded;
}

/** The proposed (or head) files must decode cleanly: a broken policy in a PR is bad input, not "no change". */
async function loadProposed(paths: readonly string[], io: Io, flag = '--proposed'): Promise<Loaded> {
  const read = await readManifests(paths, io.stdin);
  const decoded = decodeObjects(read.objects, { source: 'manifests' });
  const diagnostics = [...read.diagnostics, ...decoded.diagnostics];
  if (hasErrors(diagnostics) || read.files === 0)
    throw new InputError(read.files === 0 ? `${flag}: no manifest found in ${paths.join(', ')}` : `${flag} has errors`, diagnostics);
  reportDiagnostics(io, diagnostics);
  return { snapshot: decoded.snapshot, origins: originsOf(read.objects) };
}

/** A side's snapshot and where its objects were read from (for file:line in SARIF and annotations). */
type Loaded = { readonly snapshot: Snapshot; readonly origins?: Origins };
type Compared = { readonly answered: Answered<ImpactAnswer>; readonly origins: { readonly base?: Origins; readonly head?: Origins } };

/** `--head`: both sides are full states; `--base-ref` reads the base paths (default: the head's) from git. */
async function wholeState(
  basePaths: string[],
  ref: string | undefined,
  head: string[],
  mixed: { proposed: boolean; deletes: boolean },
  io: Io,
  cni: CniOverride | undefined,
  groupBy: ImpactGroupBy,
): Promise<Compared> {
  if (mixed.proposed || mixed.deletes)
    throw new InputError('--head is the whole state after the change: give --proposed/--delete (an overlay) or --head, not both');
  if (head.length === 0) throw new InputError('--base-ref needs --head (the manifests after the change)');
  if (ref === undefined && basePaths.length === 0)
    throw new InputError('missing --base (manifests, or the URL of a running netreach) or --base-ref');
  if (ref !== undefined && basePaths.some(isUrl)) throw new InputError('--base-ref reads manifest paths from git: give paths, not a URL');
  const b = ref !== undefined ? await loadBaseAtRef(ref, basePaths.length ? basePaths : head, io, cni) : await loadBase(basePaths, io, cni);
  const base = compile(b.snapshot);
  const h = await loadProposed(head, io, '--head');
  return { answered: answerImpact(base, { head: withCni(h.snapshot, cni) }, { groupBy }), origins: { base: b.origins, head: h.origins } };
}

async function overlay(
  basePaths: string[],
  proposedPaths: string[],
  deletes: string[],
  io: Io,
  cni: CniOverride | undefined,
  groupBy: ImpactGroupBy,
): Promise<Compared> {
  if (!basePaths.length) throw new InputError('missing --base (manifests, or the URL of a running netreach)');
  if (!proposedPaths.length && deletes.length === 0)
    throw new InputError('missing --head (the manifests after the change), --proposed (the changed policy files) or --delete');
  const b = await loadBase(basePaths, io, cni);
  const base = compile(b.snapshot);
  const proposed = proposedPaths.length ? await loadProposed(proposedPaths, io) : null;
  const change = proposed ? changeSetOf(proposed.snapshot, deletes) : { apply: [], delete: deletes };
  return { answered: answerImpact(base, { overlay: change }, { groupBy }), origins: { base: b.origins, head: proposed?.origins } };
}

/** Both sides report what they read; a line both would say (an undeclared namespace) is said once. */
function onceIo(io: Io): Io {
  const seen = new Set<string>();
  return {
    ...io,
    err: (text) => {
      const fresh = text.split('\n').filter((l) => !seen.has(l));
      for (const l of fresh) seen.add(l);
      if (fresh.length > 0) io.err(fresh.join('\n'));
    },
  };
}

export async function runImpact(argv: string[], processIo: Io): Promise<number> {
  const io = onceIo(processIo);
  const args = parse(argv, OPTIONS);
  if (args.help) return (io.out(IMPACT_USAGE), EXIT_OK);
  const format = parseOutput(args.output, PRESENTERS.impact);
  const groupBy = parseGroupBy(args['group-by'], format);
  const failOn = args['fail-on'] ?? [];
  for (const f of failOn) if (f !== 'gained') throw new InputError(`--fail-on ${f}: expected gained`);
  const deletes = parsePolicyRefs(args.delete ?? [], () => '--delete');
  const cni = parseCni(args.cni);
  const { answered, origins } =
    args.head?.length || args['base-ref'] !== undefined
      ? await wholeState(
          args.base ?? [],
          args['base-ref'],
          args.head ?? [],
          { proposed: Boolean(args.proposed?.length), deletes: deletes.length > 0 },
          io,
          cni,
          groupBy,
        )
      : await overlay(args.base ?? [], args.proposed ?? [], deletes, io, cni, groupBy);
  const answer = answered.value;
  if (hasErrors(answer.diagnostics)) {
    reportDiagnostics(io, answer.diagnostics);
    return EXIT_BAD_INPUT;
  }
  io.out(render(PRESENTERS.impact, { ...answered, value: { answer, origins } }, format));
  if (answer.lost.length > 0 && !args['allow-loss']) return EXIT_LOST;
  if (failOn.includes('gained') && answer.gained.length > 0) return EXIT_LOST;
  return EXIT_OK;
}
