// `netreach <command> ...`: dispatch only. Each command parses, calls the query layer, renders.
import { runAssert, ASSERT_USAGE } from './commands/assert.ts';
import { runCheck, CHECK_USAGE } from './commands/check.ts';
import { runCni, CNI_USAGE } from './commands/cni.ts';
import { runConnections, CONNECTIONS_USAGE } from './commands/connections.ts';
import { runDiff, DIFF_USAGE } from './commands/diff.ts';
import { runHistory, HISTORY_USAGE } from './commands/history.ts';
import { runImpact, IMPACT_USAGE } from './commands/impact.ts';
import { runLint, LINT_USAGE } from './commands/lint.ts';
import { runMatrix, MATRIX_USAGE } from './commands/matrix.ts';
import { runPorts, PORTS_USAGE } from './commands/ports.ts';
import { runServeCommand, SERVE_USAGE } from './commands/serve.ts';
import { EXIT_BAD_INPUT, EXIT_OK, type Io, failure, processIo } from './io.ts';

type Command = (argv: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  check: { run: runCheck, usage: CHECK_USAGE },
  ports: { run: runPorts, usage: PORTS_USAGE },
  matrix: { run: runMatrix, usage: MATRIX_USAGE },
  lint: { run: runLint, usage: LINT_USAGE },
  connections: { run: runConnections, usage: CONNECTIONS_USAGE },
  impact: { run: runImpact, usage: IMPACT_USAGE },
  cni: { run: runCni, usage: CNI_USAGE },
  serve: { run: runServeCommand, usage: SERVE_USAGE },
  history: { run: runHistory, usage: HISTORY_USAGE },
  diff: { run: runDiff, usage: DIFF_USAGE },
  assert: { run: runAssert, usage: ASSERT_USAGE },
};

const USAGE = [
  'netreach: can A reach B on port P, and why? (Kubernetes NetworkPolicy analysis)',
  '',
  'Commands:',
  ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
  '',
  'Endpoints: ns/name (a pod), svc:ns/name (a Service), deploy:ns/name (also sts:, ds:, rs:, rc:, job:,',
  '  cronjob:, pod:; a workload\'s pods), ns:name (a namespace\'s pods), node:name (a node\'s address),',
  '  an IP address, or a CIDR (0.0.0.0/0 = anywhere outside). Several endpoints answer per path.',
  'Network plugin: answers follow the plugin the input shows (netreach cni); --cni NAME[,key=value...]',
  '  names it instead (flannel, calico, canal, cilium, k3s, ...; e.g. --cni cilium,enable-policy=always).',
  'Exit codes: 0 answered (impact: nothing lost; assert: all hold), 1 impact found lost flows or an assertion fails, 2 bad input.',
].join('\n');

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    if (name === undefined) {
      io.err(USAGE);
      return EXIT_BAD_INPUT;
    }
    io.out(USAGE);
    return EXIT_OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`netreach: unknown command "${name}"\n\n${USAGE}`);
    return EXIT_BAD_INPUT;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    return failure(io, err);
  }
}
