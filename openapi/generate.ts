// `npm run gen:api`: openapi/netreach.yaml → src/api/http/gen/openapi-types.ts (openapi-typescript).
// `npm run check:api` (CI): fails when the checked-in file differs from what the YAML generates.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

export const SPEC_URL = new URL('./netreach.yaml', import.meta.url);
export const TYPES_PATH = fileURLToPath(new URL('../src/api/http/gen/openapi-types.ts', import.meta.url));

const HEADER = '// Generated from openapi/netreach.yaml by `npm run gen:api` (openapi-typescript). Do not edit.\n\n';

export async function generateTypes(): Promise<string> {
  const ast = await openapiTS(SPEC_URL, { alphabetize: false });
  return HEADER + astToString(ast);
}

async function run(check: boolean): Promise<number> {
  const fresh = await generateTypes();
  if (!check) {
    writeFileSync(TYPES_PATH, fresh);
    console.log(`wrote ${TYPES_PATH}`);
    return 0;
  }
  let current = '';
  try {
    current = readFileSync(TYPES_PATH, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current === fresh) return 0;
  console.error('src/api/http/gen/openapi-types.ts is stale: run `npm run gen:api` and commit the result');
  return 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await run(process.argv.includes('--check'));
}
