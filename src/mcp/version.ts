// The server version MCP clients see: package.json's, read once.
import { readFileSync } from 'node:fs';
import { packagePath } from '../package-root.ts';

let version: string | undefined;

export function readPackageVersion(): string {
  version ??= (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
  return version;
}
