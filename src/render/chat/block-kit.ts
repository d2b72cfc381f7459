// A chat answer as a Slack message with Block Kit: a header with the verdict, the paragraph, the
// egress and ingress fields, the listed items, and a context line with the snapshot time and the
// dashboard link. Every block is cut to Slack's documented limits (limits.ts).
import type { ChatAnswer } from './answer.ts';
import { SLACK_FIELD_TEXT, SLACK_HEADER_TEXT, SLACK_MAX_BLOCKS, SLACK_MAX_FIELDS, SLACK_SECTION_TEXT, clip } from './limits.ts';

export interface SlackMessage {
  readonly response_type: 'in_channel' | 'ephemeral';
  /** The notification and fallback text. */
  readonly text: string;
  readonly blocks: readonly Record<string, unknown>[];
}

const ICON: Record<NonNullable<ChatAnswer['verdict']>, string> = {
  allowed: ':white_check_mark:',
  denied: ':no_entry:',
  partial: ':warning:',
  unknown: ':grey_question:',
};

/** Slack mrkdwn needs &, < and > escaped (https://docs.slack.dev/messaging/formatting-message-text). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function section(text: string): Record<string, unknown> {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, SLACK_SECTION_TEXT) } };
}

/** Items in as few sections as fit under the section text limit. */
function itemSections(items: readonly string[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let chunk = '';
  for (const item of items.map((i) => `• ${escapeMrkdwn(i)}`)) {
    if (chunk && chunk.length + item.length + 1 > SLACK_SECTION_TEXT) {
      out.push(section(chunk));
      chunk = '';
    }
    chunk = chunk ? `${chunk}\n${item}` : item;
  }
  if (chunk) out.push(section(chunk));
  return out;
}

export function chatBlockKit(a: ChatAnswer): SlackMessage {
  const icon = a.verdict ? `${ICON[a.verdict]} ` : '';
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(a.title, SLACK_HEADER_TEXT), emoji: true } },
    section(`${icon}${escapeMrkdwn(a.text)}`),
  ];
  if (a.fields.length > 0) {
    const fields = a.fields
      .slice(0, SLACK_MAX_FIELDS)
      .map((f) => ({ type: 'mrkdwn', text: clip(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.text)}`, SLACK_FIELD_TEXT) }));
    blocks.push({ type: 'section', fields });
  }
  blocks.push(...itemSections(a.items));
  const context: Record<string, unknown>[] = [];
  if (a.more) context.push({ type: 'mrkdwn', text: clip(escapeMrkdwn(a.more), SLACK_SECTION_TEXT) });
  if (a.snapshot) context.push({ type: 'mrkdwn', text: `snapshot ${a.snapshot.id} · ${escapeMrkdwn(a.snapshot.takenAt)}` });
  if (a.link) context.push({ type: 'mrkdwn', text: `<${a.link}|dashboard>` });
  // The context line is kept whatever the items took: the snapshot time must always be there.
  const room = SLACK_MAX_BLOCKS - (context.length > 0 ? 1 : 0);
  const kept = blocks.slice(0, room);
  if (context.length > 0) kept.push({ type: 'context', elements: context });
  return { response_type: a.ephemeral ? 'ephemeral' : 'in_channel', text: clip(`${a.title}: ${a.text}`, SLACK_SECTION_TEXT), blocks: kept };
}
