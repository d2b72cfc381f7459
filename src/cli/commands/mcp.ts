// `netreach mcp`: an MCP server on stdio for AI agents. `-f PATH...` answers from manifests (read
// once); `--server URL` relays to a running `netreach serve` (its /mcp endpoint, NETREACH_TOKEN or
// --token-file as the bearer token).
import { readFileSync } from 'node:fs';
import { InputError } from '../../model/diagnostics.ts';
import { loadManifests } from '../../query/manifests.ts';
import { relayMcpOnStdio, serveMcpOnStdio } from '../../process/mcp-stdio.ts';
import { INPUT_OPTIONS, parse, parseCni } from '../args.ts';
import { EXIT_OK, type Io, reportDiagnostics } from '../io.ts';

export const MCP_USAGE =
  'netreach mcp (-f PATH... [--cni NAME[,key=value...]] | --server URL [--token-file PATH])' + '   (MCP server on stdio for AI agents)';

export async function runMcp(argv: string[], io: Io): Promise<number> {
  const args = parse(argv, {
    file: INPUT_OPTIONS.file,
    cni: INPUT_OPTIONS.cni,
    help: INPUT_OPTIONS.help,
    server: { type: 'string' },
    'token-file': { type: 'string' },
  });
  if (args.help) return (io.out(MCP_USAGE), EXIT_OK);
  const files = args.file ?? [];
  if (files.length > 0 === (args.server !== undefined)) {
    throw new InputError('netreach mcp: give -f PATH... (manifests) or --server URL (a running netreach serve), one of them');
  }
  if (args.server !== undefined) {
    if (!/^https?:\/\//i.test(args.server)) throw new InputError(`--server ${args.server}: expected http://HOST:PORT`);
    const token =
      args['token-file'] !== undefined ? readFileSync(args['token-file'], 'utf8').split(/\r?\n/)[0].trim() : process.env.NETREACH_TOKEN;
    await relayMcpOnStdio(args.server, token || undefined, (line) => io.err(line));
    return EXIT_OK;
  }
  const loaded = await loadManifests(files, { cni: parseCni(args.cni) });
  // stdout is the protocol: diagnostics go to stderr only.
  reportDiagnostics(io, loaded.diagnostics);
  await serveMcpOnStdio(loaded, `manifests (${files.join(', ')})`);
  return EXIT_OK;
}
