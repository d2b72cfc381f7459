// `netreach diff --server URL --since 1h` (or --base/--head ID|RFC3339): the flows lost and gained
// between two of the server's stored snapshots and the object changes behind them (GET /v1/diff).
// --since names the snapshot in force that long ago; when the history starts later, its oldest
// snapshot is the base, and stderr says so.
import { InputError } from '../../model/diagnostics.ts';
import type { SnapshotDiffAnswer } from '../../query/history/diff.ts';
import { parse, parseOutput } from '../args.ts';
import { EXIT_OK, type Io } from '../io.ts';
import { render } from '../../render/presenter.ts';
import { PRESENTERS } from '../../render/presenters.ts';
import { getServerJson } from '../server-client.ts';
import { timeArg } from './history.ts';

export const DIFF_USAGE =
  'netreach diff --server URL (--since 1h|RFC3339 | --base ID|RFC3339) [--head ID|RFC3339] ' +
  '[--group-by pod|workload] [-o text|json|markdown]';

async function sinceBase(server: string, since: string, io: Io): Promise<string> {
  const list = (await getServerJson(server, '/v1/snapshots', {})) as { snapshots: { id: number; takenAt: string }[] };
  const oldest = list.snapshots.at(-1);
  if (!oldest) throw new InputError(`--server ${server}: no snapshot is stored yet`);
  if (Date.parse(oldest.takenAt) > Date.parse(since)) {
    io.err(`netreach: the history starts at snapshot ${oldest.id} (${oldest.takenAt}), after --since; diffing from there`);
    return String(oldest.id);
  }
  return since;
}

export async function runDiff(argv: string[], io: Io): Promise<number> {
  const args = parse(argv, {
    server: { type: 'string' },
    since: { type: 'string' },
    base: { type: 'string' },
    head: { type: 'string' },
    'group-by': { type: 'string' },
    output: { type: 'string', short: 'o' },
    help: { type: 'boolean', short: 'h' },
  });
  if (args.help) return (io.out(DIFF_USAGE), EXIT_OK);
  if (!args.server) throw new InputError('missing --server');
  if ((args.since === undefined) === (args.base === undefined)) throw new InputError('give one of --since or --base');
  const groupBy = args['group-by'];
  if (groupBy !== undefined && groupBy !== 'pod' && groupBy !== 'workload')
    throw new InputError(`--group-by ${groupBy}: expected pod or workload`);
  const format = parseOutput(args.output, PRESENTERS.snapshotDiff);
  const now = new Date();
  const base = args.since !== undefined ? await sinceBase(args.server, timeArg(args.since, '--since', now)!, io) : args.base!;
  const head = args.head === undefined || /^\d+$/.test(args.head) ? args.head : timeArg(args.head, '--head', now);
  const answer = (await getServerJson(args.server, '/v1/diff', { base, head, groupBy })) as SnapshotDiffAnswer;
  io.out(render(PRESENTERS.snapshotDiff, { value: answer }, format));
  return EXIT_OK;
}
