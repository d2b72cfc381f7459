// The connectivity matrix for one port, by pod (the `netreach matrix -o json` shape) or grouped,
// optionally limited to some namespaces. JSON is streamed row batch by row batch, so a 10k-pod
// matrix (100 MB of rows) is never one string in memory.
import { Readable } from 'node:stream';
import { pluginContext, pluginJson } from '../../../query/plugin-context.ts';
import { renderGroupMatrixText } from '../../../render/group-matrix-text.ts';
import { renderMatrixText } from '../../../render/matrix-text.ts';
import type { MatrixResult } from '../../../engine/index.ts';
import type { GroupMatrixResult } from '../../../query/group-matrix.ts';
import { filterGroupMatrix, filterMatrix } from '../../../query/matrix-view.ts';
import { groupMatrixQuery, matrixQuery } from '../../../query/queries.ts';
import { preferredFormat, servedSnapshot } from '../answer.ts';
import { matrixMarkdown } from '../../../render/answers.ts';
import type { Handlers, JsonBody, RouteContext } from './context.ts';

const ROWS_PER_CHUNK = 64;

/** The same bytes as JSON.stringify(m), in pieces; `rows` is written in batches. */
export function* matrixJsonChunks(m: object): Generator<string> {
  const entries = Object.entries(m);
  yield '{';
  for (let e = 0; e < entries.length; e++) {
    const [key, value] = entries[e];
    const prefix = `${e > 0 ? ',' : ''}${JSON.stringify(key)}:`;
    if (key !== 'rows' || !Array.isArray(value)) {
      yield prefix + JSON.stringify(value);
      continue;
    }
    yield `${prefix}[`;
    for (let i = 0; i < value.length; i += ROWS_PER_CHUNK) {
      yield (i > 0 ? ',' : '') + value.slice(i, i + ROWS_PER_CHUNK).map((r) => JSON.stringify(r)).join(',');
    }
    yield ']';
  }
  yield '}';
}

export function matrixRoutes(ctx: RouteContext): Pick<Handlers, 'matrix'> {
  return {
    async matrix(request, reply) {
      const body = request.body as JsonBody<'matrix'>;
      const { compiled } = servedSnapshot(ctx.service, body.snapshot, body.at, 'body.at');
      const protocol = body.protocol ?? 'TCP';
      const groupBy = body.groupBy ?? 'pod';
      const result: MatrixResult | GroupMatrixResult =
        groupBy === 'pod' ? filterMatrix(matrixQuery(compiled, body.port, protocol), body.namespaces) : filterGroupMatrix(groupMatrixQuery(compiled, body.port, protocol, groupBy), body.namespaces);
      const plugin = pluginContext(compiled);
      const format = preferredFormat(request.headers.accept);
      // The CLI's `matrix -o json`: the matrix plus the plugin's `dataplane` and `enforced`.
      if (format === 'json') return reply.type('application/json; charset=utf-8').send(Readable.from(matrixJsonChunks({ ...result, ...pluginJson(plugin) })));
      const text = 'groups' in result ? renderGroupMatrixText(result, plugin) : renderMatrixText(result, plugin);
      const title = `${result.protocol}/${result.port}`;
      return reply.type(format === 'markdown' ? 'text/markdown; charset=utf-8' : 'text/plain; charset=utf-8').send(`${format === 'markdown' ? matrixMarkdown(title, text) : text}\n`);
    },
  };
}
