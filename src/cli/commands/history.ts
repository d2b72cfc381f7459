// `netreach history --server URL --from X --to Y --port N`: when the flow's verdict changed over the
// server's stored snapshots, and which object changes did it (GET /v1/history/flow).
import { parseEndpointSpec } from '../../query/endpoint-spec.ts';
import { parseTime } from '../../query/history/at.ts';
import type { FlowHistoryAnswer } from '../../query/history/flow-history.ts';
import { parse, parseOutput, parsePort, parseProtocol, requireString } from '../args.ts';
import { parseDuration } from '../duration.ts';
import { EXIT_OK, type Io } from '../io.ts';
import { render } from '../../render/presenter.ts';
import { PRESENTERS } from '../../render/presenters.ts';
import { getServerJson } from '../server-client.ts';

export const HISTORY_USAGE =
  'netreach history --server URL --from X --to Y --port N [--protocol TCP|UDP|SCTP] ' +
  '[--since 1h|RFC3339] [--until RFC3339] [-o text|json|markdown]';

/** `1h` (that long ago) or an RFC 3339 time, as RFC 3339. */
export function timeArg(value: string | undefined, flag: string, now: Date): string | undefined {
  if (value === undefined) return undefined;
  if (/^\d+[smhdw]$/.test(value)) return new Date(now.getTime() - parseDuration(value, flag)).toISOString();
  parseTime(value, flag);
  return value;
}

export async function runHistory(argv: string[], io: Io): Promise<number> {
  const args = parse(argv, {
    server: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    port: { type: 'string', short: 'p' },
    protocol: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    output: { type: 'string', short: 'o' },
    help: { type: 'boolean', short: 'h' },
  });
  if (args.help) return (io.out(HISTORY_USAGE), EXIT_OK);
  const server = requireString(args.server, '--server');
  const from = requireString(args.from, '--from');
  const to = requireString(args.to, '--to');
  parseEndpointSpec(from);
  parseEndpointSpec(to);
  const port = parsePort(args.port);
  const protocol = parseProtocol(args.protocol);
  const format = parseOutput(args.output, PRESENTERS.flowHistory);
  const now = new Date();
  const answer = (await getServerJson(server, '/v1/history/flow', {
    from,
    to,
    port,
    protocol,
    since: timeArg(args.since, '--since', now),
    until: timeArg(args.until, '--until', now),
  })) as FlowHistoryAnswer;
  io.out(render(PRESENTERS.flowHistory, { value: answer }, format));
  return EXIT_OK;
}
