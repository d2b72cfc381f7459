// How the chat doors are set up: the Slack signing secret and the Mattermost slash command token
// (environment, or a file whose first line is the secret: `--slack-signing-secret-file`,
// `--mattermost-token-file`), the public address for dashboard links, and when to defer.
import { readFileSync } from 'node:fs';
import { InputError } from '../../model/diagnostics.ts';

export interface ChatConfig {
  readonly slackSigningSecret?: string;
  readonly mattermostToken?: string;
  /** The dashboard's address (NETREACH_PUBLIC_URL), linked from every answer. */
  readonly publicUrl?: string;
  /** Whole-snapshot questions on more endpoints than this are answered later through response_url (default 2000). */
  readonly deferAbove?: number;
  /** Seconds since the epoch (tests set it). */
  readonly nowSeconds?: () => number;
  /** Where deferred answers are posted (default fetch; failures are logged). */
  readonly log?: (line: string) => void;
}

function firstLine(file: string, flag: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').split(/\r?\n/)[0].trim() || undefined;
  } catch (err) {
    throw new InputError(`${flag} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export function chatConfigFrom(
  env: Readonly<Record<string, string | undefined>>,
  files: { slackSecretFile?: string; mattermostTokenFile?: string },
): ChatConfig {
  const slack =
    files.slackSecretFile !== undefined
      ? firstLine(files.slackSecretFile, '--slack-signing-secret-file')
      : env.NETREACH_SLACK_SIGNING_SECRET?.trim() || undefined;
  const mattermost =
    files.mattermostTokenFile !== undefined
      ? firstLine(files.mattermostTokenFile, '--mattermost-token-file')
      : env.NETREACH_MATTERMOST_TOKEN?.trim() || undefined;
  const publicUrl = env.NETREACH_PUBLIC_URL?.trim() || undefined;
  return {
    ...(slack ? { slackSigningSecret: slack } : {}),
    ...(mattermost ? { mattermostToken: mattermost } : {}),
    ...(publicUrl ? { publicUrl } : {}),
  };
}
