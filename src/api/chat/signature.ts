// Who may ask through the chat doors. These routes authenticate by the platform instead of the
// bearer token:
// - Slack signs each request (https://docs.slack.dev/authentication/verifying-requests-from-slack):
//   X-Slack-Signature = `v0=` + hex HMAC-SHA256(signing secret, `v0:{X-Slack-Request-Timestamp}:{raw body}`);
//   a timestamp more than five minutes from now is refused (replay protection, as Slack advises), and
//   so is a signature already accepted within that window (a replayed request).
// - Mattermost sends the slash command's token in the body (`token`) and as `Authorization: Token …`
//   (https://developers.mattermost.com/integrate/slash-commands/custom/).
// Comparisons are constant-time (timingSafeEqual over sha256 digests: lengths do not leak either).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SLACK_WINDOW_SECONDS = 5 * 60;

function sameText(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

export type Refusal = { readonly ok: false; readonly reason: string };
export type Check = { readonly ok: true } | Refusal;

/** Signatures accepted within the window, so a replayed request is refused. */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  /** False when `signature` was accepted before and has not expired; else records it. */
  admit(signature: string, nowSeconds: number): boolean {
    for (const [s, until] of this.seen) if (until < nowSeconds) this.seen.delete(s);
    if (this.seen.has(signature)) return false;
    this.seen.set(signature, nowSeconds + SLACK_WINDOW_SECONDS);
    return true;
  }
}

export function slackSignature(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlackRequest {
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  readonly body: string;
}

export function verifySlack(secret: string, r: SlackRequest, nowSeconds: number, replay: ReplayGuard): Check {
  if (r.timestamp === undefined || r.signature === undefined)
    return { ok: false, reason: 'X-Slack-Signature and X-Slack-Request-Timestamp are required' };
  if (!/^\d{1,12}$/.test(r.timestamp)) return { ok: false, reason: 'X-Slack-Request-Timestamp is not a Unix time' };
  if (Math.abs(nowSeconds - Number(r.timestamp)) > SLACK_WINDOW_SECONDS)
    return { ok: false, reason: 'the request timestamp is more than five minutes from now' };
  if (!sameText(slackSignature(secret, r.timestamp, r.body), r.signature))
    return { ok: false, reason: 'the Slack signature does not match' };
  if (!replay.admit(r.signature, nowSeconds)) return { ok: false, reason: 'this request was received before (replayed)' };
  return { ok: true };
}

export function verifyMattermost(token: string, bodyToken: string | undefined, authorization: string | undefined): Check {
  const header = /^Token\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  const given = header ?? bodyToken;
  if (given === undefined || given === '') return { ok: false, reason: 'the slash command token is missing' };
  return sameText(given, token) ? { ok: true } : { ok: false, reason: 'the slash command token is wrong' };
}
