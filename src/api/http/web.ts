// The dashboard (issue #23): the static bundle Vite builds from web/ into dist/web, served at `/`
// with a history fallback so deep links (/why?..., /matrix?port=6379, /impact, /pods/NS/NAME) load
// the same page. Static files need no token (they hold no cluster data); every API call they make
// does. Only GET/HEAD on these paths; the JSON API stays under /v1.
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { packagePath } from '../../package-root.ts';

export const WEB_ROOT = packagePath('dist/web');
/** The page's own paths (history fallback) and its assets. */
const PAGES = ['/', '/overview', '/why', '/matrix', '/impact', '/pods/*', '/inspect'];
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function isWebPath(path: string): boolean {
  return path.startsWith('/assets/') || PAGES.some((p) => (p.endsWith('*') ? path.startsWith(p.slice(0, -1)) : path === p));
}

function sendIndex(root: string, reply: FastifyReply): FastifyReply {
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    return reply
      .code(503)
      .type('text/plain; charset=utf-8')
      .send('netreach: the dashboard is not built (dist/web is missing): run `npm run build`\n');
  }
  return reply.type(TYPES['.html']).header('cache-control', 'no-cache').send(readFileSync(index));
}

export function addWebRoutes(app: FastifyInstance, root = WEB_ROOT): void {
  for (const url of PAGES) app.get(url, { schema: { hide: true } }, async (_request, reply) => sendIndex(root, reply));
  app.get('/assets/*', { schema: { hide: true } }, async (request, reply) => {
    const rel = (request.params as { '*': string })['*'];
    const file = normalize(join(root, 'assets', rel));
    if (!file.startsWith(join(root, 'assets') + sep) || !existsSync(file)) return reply.callNotFound();
    // Vite names assets by content hash: they never change under one name.
    return reply
      .type(TYPES[extname(file)] ?? 'application/octet-stream')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(readFileSync(file));
  });
}
