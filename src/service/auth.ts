// The bearer token every door checks (REST's onRequest hook, gRPC's call wrapper): compared in
// constant time (timingSafeEqual on sha256 digests, so the length of the token does not leak either).
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]), digest(token));
}

/** The token for `serve`: `--token-file` (first line, trimmed) wins over NETREACH_TOKEN; empty means off. */
export function tokenFrom(env: Readonly<Record<string, string | undefined>>, tokenFile?: string): string | undefined {
  const text = tokenFile !== undefined ? readFileSync(tokenFile, 'utf8').split(/\r?\n/)[0] : env.NETREACH_TOKEN;
  const token = text?.trim();
  return token ? token : undefined;
}
