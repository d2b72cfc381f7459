// How tests start the CLI as a process: `node` + CLI_ENTRY + argv behaves as `bin/netreach` + argv,
// but runs src/cli/bin.ts through tsx (bin/netreach runs the same entry compiled in dist/), so
// tests see the sources as they are, without a build.
import { fileURLToPath } from 'node:url';

export const CLI_ENTRY: readonly string[] = ['--import', 'tsx', fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url))];
