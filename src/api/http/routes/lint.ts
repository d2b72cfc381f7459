// Lint manifests sent in the body: the same findings and JSON as `netreach lint -o json`.
import { hasErrors } from '../../../model/diagnostics.ts';
import { loadManifestText } from '../../../query/manifest-text.ts';
import { lintQuery } from '../../../query/queries.ts';
import { answer } from '../answer.ts';
import { PRESENTERS } from '../../../render/presenters.ts';
import type { Handlers, RouteContext } from './context.ts';

export function lintRoutes(ctx: RouteContext): Pick<Handlers, 'lint'> {
  return {
    async lint(request, reply) {
      const text = typeof request.body === 'string' ? request.body : (ctx.rawBody(request) ?? JSON.stringify(request.body));
      const findings = lintQuery(loadManifestText(text, { file: 'request', source: 'upload' }));
      return answer(request, reply, { value: { ok: !hasErrors(findings), diagnostics: findings } }, PRESENTERS.lint);
    },
  };
}
