// `netreach <command> ...`: dispatch only. Each command parses, calls the query layer, renders.
// Commands load on demand: the table maps a name to an import of its module, so `check` never
// loads what `serve` needs (Fastify, grpc-js, SQLite, client-node). A new command is one line here.
import { EXIT_BAD_INPUT, EXIT_OK, type Io, failure, processIo } from './io.ts';

interface Command {
  run(argv: string[], io: Io): Promise<number>;
  usage: string;
}

const COMMANDS: Record<string, () => Promise<Command>> = {
  check: () => import('./commands/check.ts').then((m) => ({ run: m.runCheck, usage: m.CHECK_USAGE })),
  ports: () => import('./commands/ports.ts').then((m) => ({ run: m.runPorts, usage: m.PORTS_USAGE })),
  matrix: () => import('./commands/matrix.ts').then((m) => ({ run: m.runMatrix, usage: m.MATRIX_USAGE })),
  lint: () => import('./commands/lint.ts').then((m) => ({ run: m.runLint, usage: m.LINT_USAGE })),
  connections: () => import('./commands/connections.ts').then((m) => ({ run: m.runConnections, usage: m.CONNECTIONS_USAGE })),
  impact: () => import('./commands/impact.ts').then((m) => ({ run: m.runImpact, usage: m.IMPACT_USAGE })),
  cni: () => import('./commands/cni.ts').then((m) => ({ run: m.runCni, usage: m.CNI_USAGE })),
  fix: () => import('./commands/fix.ts').then((m) => ({ run: m.runFix, usage: m.FIX_USAGE })),
  history: () => import('./commands/history.ts').then((m) => ({ run: m.runHistory, usage: m.HISTORY_USAGE })),
  diff: () => import('./commands/diff.ts').then((m) => ({ run: m.runDiff, usage: m.DIFF_USAGE })),
  assert: () => import('./commands/assert.ts').then((m) => ({ run: m.runAssert, usage: m.ASSERT_USAGE })),
  mcp: () => import('./commands/mcp.ts').then((m) => ({ run: m.runMcp, usage: m.MCP_USAGE })),
  serve: () => import('./commands/serve.ts').then((m) => ({ run: m.runServeCommand, usage: m.SERVE_USAGE })),
};

/** The overview: every command's usage line (help and mistakes only, so loading them all is fine). */
async function usage(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  return [
    'netreach: can A reach B on port P, and why? (Kubernetes NetworkPolicy analysis)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.usage}`),
    '',
    'Endpoints: ns/name (a pod), svc:ns/name (a Service), deploy:ns/name (also sts:, ds:, rs:, rc:, job:,',
    "  cronjob:, pod:; a workload's pods), ns:name (a namespace's pods), node:name (a node's address),",
    '  an IP address, or a CIDR (0.0.0.0/0 = anywhere outside). Several endpoints answer per path.',
    'Network plugin: answers follow the plugin the input shows (netreach cni); --cni NAME[,key=value...]',
    '  names it instead (flannel, calico, canal, cilium, k3s, ...; e.g. --cni cilium,enable-policy=always).',
    'Exit codes: 0 answered (impact: nothing lost; assert: all hold), 1 impact found lost flows, an assertion fails, or (fix) nothing a',
    '  NetworkPolicy can express fixes it; 2 bad input.',
  ].join('\n');
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    if (name === undefined) {
      io.err(await usage());
      return EXIT_BAD_INPUT;
    }
    io.out(await usage());
    return EXIT_OK;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.err(`netreach: unknown command "${name}"\n\n${await usage()}`);
    return EXIT_BAD_INPUT;
  }
  try {
    return await (await load()).run(rest, io);
  } catch (err) {
    return failure(io, err);
  }
}
