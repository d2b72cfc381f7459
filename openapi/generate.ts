// `npm run gen:api`: openapi/netreach.yaml → src/api/http/gen/openapi-types.ts (openapi-typescript)
// and src/api/http/gen/openapi-document.json (the document as JSON: the server reads it at start,
// where parsing the YAML took about 0.2 s on this machine).
// `npm run check:api` (CI): fails when a checked-in file differs from what the YAML generates.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
import { OPENAPI_JSON_PATH } from '../src/api/http/openapi.ts';

export const SPEC_URL = new URL('./netreach.yaml', import.meta.url);
export const TYPES_PATH = fileURLToPath(new URL('../src/api/http/gen/openapi-types.ts', import.meta.url));

const HEADER = '// Generated from openapi/netreach.yaml by `npm run gen:api` (openapi-typescript). Do not edit.\n\n';

export async function generateTypes(): Promise<string> {
  const ast = await openapiTS(SPEC_URL, { alphabetize: false });
  return HEADER + astToString(ast);
}

/** The YAML document as JSON text, one line (the same values: YAML's core schema has no type JSON lacks). */
export function generateDocumentJson(): string {
  return `${JSON.stringify(parse(readFileSync(SPEC_URL, 'utf8')))}\n`;
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return ''; // missing counts as stale
  }
}

async function run(check: boolean): Promise<number> {
  const outputs: [string, string][] = [
    [TYPES_PATH, await generateTypes()],
    [OPENAPI_JSON_PATH, generateDocumentJson()],
  ];
  let stale = 0;
  for (const [path, fresh] of outputs) {
    if (!check) {
      writeFileSync(path, fresh);
      console.log(`wrote ${path}`);
    } else if (readOrEmpty(path) !== fresh) {
      console.error(`${path} is stale: run \`npm run gen:api\` and commit the result`);
      stale = 1;
    }
  }
  return stale;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await run(process.argv.includes('--check'));
}
