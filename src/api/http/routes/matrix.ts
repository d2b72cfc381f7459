// The connectivity matrix for one port, by pod (the `netreach matrix -o json` shape) or grouped,
// optionally limited to some namespaces. JSON is streamed row batch by row batch, so a 10k-pod
// matrix (100 MB of rows) is never one string in memory.
import { Readable } from 'node:stream';
import { answerMatrix } from '../../../query/answered.ts';
import { PRESENTERS } from '../../../render/presenters.ts';
import { answer, servedSnapshot } from '../answer.ts';
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
      yield (
        (i > 0 ? ',' : '') +
        value
          .slice(i, i + ROWS_PER_CHUNK)
          .map((r) => JSON.stringify(r))
          .join(',')
      );
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
      const m = answerMatrix(compiled, {
        port: body.port,
        protocol: body.protocol ?? 'TCP',
        groupBy: body.groupBy,
        namespaces: body.namespaces,
      });
      // The CLI's `matrix -o json`: the matrix plus the plugin's `dataplane` and `enforced`, streamed.
      const stream = (json: unknown) => reply.type('application/json; charset=utf-8').send(Readable.from(matrixJsonChunks(json as object)));
      return m.kind === 'pods'
        ? answer(request, reply, m.answer, PRESENTERS.matrix, stream)
        : answer(request, reply, m.answer, PRESENTERS.groupMatrix, stream);
    },
  };
}
