import type { ConnectionsResult } from '../../engine/connections.ts';
import { connectionsQuery, parseGroupBy } from '../../query/connections.ts';
import { loadManifests } from '../../query/manifests.ts';
import { INPUT_OPTIONS, parse, parseCni, parseFormat } from '../args.ts';
import { EXIT_OK, type Io, reportDiagnostics } from '../io.ts';
import { type PluginContext, pluginContext } from '../../query/plugin-context.ts';
import { renderConnectionsCsv } from '../../render/connections-csv.ts';
import { renderConnectionsDot } from '../../render/connections-dot.ts';
import { renderConnectionsJson } from '../../render/connections-json.ts';
import { renderConnectionsMd } from '../../render/connections-md.ts';
import { renderConnectionsTxt } from '../../render/connections-txt.ts';

export const CONNECTIONS_USAGE = 'netreach connections -f PATH... [--group-by workload|pod|namespace] [-o txt|json|csv|md|dot] [--strict] [--cni NAME[,key=value...]]';

const FORMATS = ['txt', 'text', 'json', 'csv', 'md', 'markdown', 'dot'] as const;
type Format = (typeof FORMATS)[number];

function render(format: Format, r: ConnectionsResult, ctx: PluginContext): string {
  switch (format) {
    case 'txt':
    case 'text':
      return renderConnectionsTxt(r, ctx);
    case 'json':
      return renderConnectionsJson(r, ctx);
    case 'csv':
      return renderConnectionsCsv(r, ctx);
    case 'md':
    case 'markdown':
      return renderConnectionsMd(r, ctx);
    case 'dot':
      return renderConnectionsDot(r, ctx);
    default: {
      const never: never = format;
      return String(never);
    }
  }
}

export async function runConnections(argv: string[], io: Io): Promise<number> {
  const args = parse(argv, { ...INPUT_OPTIONS, 'group-by': { type: 'string' } });
  if (args.help) return (io.out(CONNECTIONS_USAGE), EXIT_OK);
  const groupBy = parseGroupBy(args['group-by']);
  const format = parseFormat(args.output, FORMATS, 'txt');
  const cni = parseCni(args.cni);
  const loaded = await loadManifests(args.file ?? [], { strict: args.strict, stdin: io.stdin, cni });
  reportDiagnostics(io, loaded.diagnostics);
  const text = render(format, connectionsQuery(loaded.compiled, groupBy), pluginContext(loaded.compiled));
  if (text !== '') io.out(text);
  return EXIT_OK;
}
