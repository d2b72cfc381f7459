// Where the files netreach reads at run time live (openapi/, migrations/, examples/, the gRPC
// descriptor set): paths relative to the package root. This module sits one directory below the
// root both as src/package-root.ts (tests, tsx) and as dist/package-root.js (tsconfig.build.json
// maps src/ onto dist/), so the same URL resolves from either.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** `rel` (slash-separated, from the package root) as an absolute path. */
export function packagePath(rel: string): string {
  return join(PACKAGE_ROOT, rel);
}
