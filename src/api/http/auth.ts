// Optional bearer token: when the server has one, every route but the health checks needs
// `Authorization: Bearer <token>` (checked by service/auth.ts, as gRPC's is); never read from the query string.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemFor, sendProblem } from './errors.ts';
import { CREDENTIAL_PARAMS } from './operability.ts';
import { tokenMatches } from '../../service/auth.ts';

/** An onRequest hook; `isPublic(url)` names the routes that need no token. */
export function bearerAuth(token: string, isPublic: (request: FastifyRequest) => boolean) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (isPublic(request)) return;
    // A token in the URL ends up in logs, proxies and browser history: never accepted, said so.
    const query = request.query as Record<string, unknown> | undefined;
    if (query && Object.keys(query).some((k) => CREDENTIAL_PARAMS.test(k))) {
      reply.header('WWW-Authenticate', 'Bearer realm="netreach"');
      await sendProblem(
        reply,
        problemFor('unauthorized', 'a token in the query string is never accepted; send Authorization: Bearer <token>'),
      );
      return;
    }
    if (tokenMatches(request.headers.authorization, token)) return;
    reply.header('WWW-Authenticate', 'Bearer realm="netreach"');
    await sendProblem(
      reply,
      problemFor('unauthorized', request.headers.authorization ? 'the bearer token is wrong' : 'send Authorization: Bearer <token>'),
    );
  };
}
