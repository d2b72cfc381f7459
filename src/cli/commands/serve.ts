// `netreach serve`: the service and its servers load when the command runs (this module is also
// loaded for the usage overview, which must not pull in Fastify, grpc-js or SQLite).
import { InputError } from '../../model/diagnostics.ts';
import { parse, parseCni, parseListen } from '../args.ts';
import { tokenFrom } from '../../service/auth.ts';
import { parseDuration } from '../duration.ts';
import { readAssertions } from './assert.ts';
import { EXIT_OK, type Io } from '../io.ts';

export const SERVE_USAGE =
  'netreach serve [--kubeconfig PATH] [--manifests PATH]... [--db PATH] [--listen HOST:PORT] [--grpc-listen HOST:PORT] [--debounce-ms N] ' +
  '[--token-file PATH] [--keep-snapshots N] [--keep-for 30d] [--assertions FILE] [--cni NAME[,key=value...]] [--log-level ' +
  'info|debug|warn|error|silent] [--drain-seconds N] [--lenient] [--max-objects N] [--slack-signing-secret-file PATH] ' +
  '[--mattermost-token-file PATH]';

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

type ParseListen = (value: string) => { host: string; port: number };

function listenAddress(
  parseListen: ParseListen,
  value: string | undefined,
  flag: string,
  fallback: string,
): { host: string; port: number } {
  try {
    return parseListen(value ?? fallback);
  } catch (err) {
    throw new InputError((err as Error).message.replace(/^--listen/, flag));
  }
}

function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new InputError(`${flag} ${value}: expected a whole number`);
  return Number(value);
}

function readToken(
  tokenFrom: (env: NodeJS.ProcessEnv, file?: string) => string | undefined,
  file: string | undefined,
  env: NodeJS.ProcessEnv,
): string | undefined {
  try {
    return tokenFrom(env, file);
  } catch (err) {
    throw new InputError(`--token-file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** Runs until SIGTERM/SIGINT; then finishes the write, drains, closes the database and exits 0. */
export async function runServeCommand(argv: string[], io: Io): Promise<number> {
  const args = parse(argv, {
    kubeconfig: { type: 'string' },
    manifests: { type: 'string', multiple: true },
    db: { type: 'string' },
    listen: { type: 'string' },
    'grpc-listen': { type: 'string' },
    'debounce-ms': { type: 'string' },
    'token-file': { type: 'string' },
    'keep-snapshots': { type: 'string' },
    'keep-for': { type: 'string' },
    assertions: { type: 'string' },
    cni: { type: 'string' },
    'log-level': { type: 'string' },
    'drain-seconds': { type: 'string' },
    lenient: { type: 'boolean' },
    'max-objects': { type: 'string' },
    'slack-signing-secret-file': { type: 'string' },
    'mattermost-token-file': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (args.help) return (io.out(SERVE_USAGE), EXIT_OK);
  const cni = parseCni(args.cni);
  const logLevel = args['log-level'] ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new InputError(`--log-level ${logLevel}: expected one of ${LOG_LEVELS.join(', ')}`);
  const { runServe } = await import('../../process/serve.ts');
  const assertions = args.assertions !== undefined ? await readAssertions(args.assertions) : undefined;
  // Signals are caught before start-up so one that arrives while the servers come up (after the
  // "listening" line, before runServe returns) still shuts down cleanly instead of killing the process.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      io.err(`netreach: ${signal}: finishing, draining, closing the database`);
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  // SIGHUP reloads --manifests (it used to kill the server), caught from the start like the others.
  const started: { reload?: () => Promise<void> } = {};
  const hangup = () => {
    io.err(started.reload ? 'netreach: SIGHUP: reloading' : 'netreach: SIGHUP: still starting, nothing reloaded');
    void started.reload?.();
  };
  process.on('SIGHUP', hangup);
  const running = await runServe({
    kubeconfig: args.kubeconfig,
    manifests: args.manifests,
    db: args.db ?? './data/netreach.db',
    listen: listenAddress(parseListen, args.listen, '--listen', '127.0.0.1:8080'),
    grpcListen: listenAddress(parseListen, args['grpc-listen'], '--grpc-listen', '127.0.0.1:9090'),
    debounceMs: positiveInt(args['debounce-ms'], '--debounce-ms', 3000),
    keepSnapshots: positiveInt(args['keep-snapshots'], '--keep-snapshots', 500),
    ...(args['keep-for'] !== undefined ? { keepForMs: parseDuration(args['keep-for'], '--keep-for') } : {}),
    token: readToken(tokenFrom, args['token-file'], process.env),
    env: process.env,
    log: (line) => io.err(line),
    // JSON lines on stderr beside the plain lines above; never the token (see api/http/operability.ts).
    httpLog: { level: logLevel, stream: process.stderr },
    drainTimeoutMs: positiveInt(args['drain-seconds'], '--drain-seconds', 10) * 1000,
    ...(cni ? { cni } : {}),
    ...(args.lenient ? { lenient: true } : {}),
    ...(args['max-objects'] !== undefined ? { maxObjects: positiveInt(args['max-objects'], '--max-objects', 0) } : {}),
    ...(assertions ? { assertions } : {}),
    chatFiles: { slackSecretFile: args['slack-signing-secret-file'], mattermostTokenFile: args['mattermost-token-file'] },
  });
  started.reload = () => running.reload();
  await stopped;
  process.off('SIGHUP', hangup);
  await running.close();
  return EXIT_OK;
}
