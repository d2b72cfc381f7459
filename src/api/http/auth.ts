// Optional bearer token: when the server has one, every route but the health checks needs
// `Authorization: Bearer <token>`. Compared in constant time (timingSafeEqual on sha256 digests, so
// the length of the token does not leak either); never read from the query string.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem, sendProblem } from './errors.ts';
import { CREDENTIAL_PARAMS } from './operability.ts';

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]), digest(token));
}

/** An onRequest hook; `isPublic(url)` names the routes that need no token. */
export function bearerAuth(token: string, isPublic: (request: FastifyRequest) => boolean) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (isPublic(request)) return;
    // A token in the URL ends up in logs, proxies and browser history: never accepted, said so.
    const query = request.query as Record<string, unknown> | undefined;
    if (query && Object.keys(query).some((k) => CREDENTIAL_PARAMS.test(k))) {
      reply.header('WWW-Authenticate', 'Bearer realm="netreach"');
      await sendProblem(reply, problem(401, 'unauthorized', 'a token in the query string is never accepted; send Authorization: Bearer <token>'));
      return;
    }
    if (tokenMatches(request.headers.authorization, token)) return;
    reply.header('WWW-Authenticate', 'Bearer realm="netreach"');
    await sendProblem(reply, problem(401, 'unauthorized', request.headers.authorization ? 'the bearer token is wrong' : 'send Authorization: Bearer <token>'));
  };
}

/** The token for `serve`: `--token-file` (first line, trimmed) wins over NETREACH_TOKEN; empty means off. */
export function tokenFrom(env: Readonly<Record<string, string | undefined>>, tokenFile?: string): string | undefined {
  const text = tokenFile !== undefined ? readFileSync(tokenFile, 'utf8').split(/\r?\n/)[0] : env.NETREACH_TOKEN;
  const token = text?.trim();
  return token ? token : undefined;
}
