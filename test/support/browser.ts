// A real headless Chromium (Debian's `chromium`, installed by .ci/run) driven by playwright-core,
// which downloads no browser. A missing browser or an unbuilt dashboard is a failure with a clear
// message, never a silent skip. One fresh --user-data-dir per launch; loopback only.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { WEB_ROOT } from '../../src/api/http/web.ts';

export const CHROMIUM = process.env.NETREACH_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `headless Chromium not found at ${CHROMIUM}: install Debian's chromium ` +
        `(apt-get install -y chromium, as .ci/run does) or set NETREACH_CHROMIUM`,
    );
  }
  if (!existsSync(join(WEB_ROOT, 'index.html')))
    throw new Error(`the dashboard is not built (${WEB_ROOT} is missing): run \`npm run build\``);
  const dir = mkdtempSync(join(tmpdir(), 'netreach-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1400, height: 900 },
  });
  // Nothing but the test server: any other host is refused.
  await context.route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => route.abort());
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Where screenshots go: NETREACH_SCREENSHOTS (docs/img to refresh the README's), else a temp dir. */
export function screenshotDir(): string {
  return process.env.NETREACH_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'netreach-shots-'));
}
