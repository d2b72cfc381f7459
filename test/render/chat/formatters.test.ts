// The chat formatters on answers far larger than a message may be: Block Kit stays inside Slack's
// documented limits and keeps the snapshot line; Markdown inside Mattermost's post limit; all three
// formats say the same verdict and fields.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatAnswer } from '../../../src/render/chat/answer.ts';
import { chatBlockKit, escapeMrkdwn } from '../../../src/render/chat/block-kit.ts';
import { MATTERMOST_MESSAGE } from '../../../src/render/chat/limits.ts';
import { chatMarkdown } from '../../../src/render/chat/markdown.ts';
import { chatPlain } from '../../../src/render/chat/plain.ts';
import { assertSlackLimits } from '../../api/chat/slack-limits.ts';

function huge(items: number, width: number): ChatAnswer {
  return {
    title: `T${'x'.repeat(400)}`,
    verdict: 'denied',
    text: 'p'.repeat(5000),
    fields: Array.from({ length: 14 }, (_, i) => ({ label: `field ${i}`, text: 'f'.repeat(2500) })),
    items: Array.from({ length: items }, (_, i) => `item ${i} ${'i'.repeat(width)}`),
    more: 'm'.repeat(4000),
    snapshot: { id: 7, takenAt: '2026-12-03T16:00:00.000Z' },
    link: 'https://netreach.example/',
    ephemeral: false,
  };
}

const SIZES: readonly [string, number, number][] = [
  ['no items', 0, 10],
  ['a few items', 3, 50],
  ['many short items', 2000, 20],
  ['many long items', 400, 2900],
  ['items over a section', 5, 5000],
];

for (const [name, items, width] of SIZES) {
  test(`Block Kit within Slack's limits: ${name}`, () => {
    const m = chatBlockKit(huge(items, width));
    assertSlackLimits(m);
    assert.equal(m.blocks.at(-1)!.type, 'context', 'the snapshot line survives the cap');
    assert.match(JSON.stringify(m.blocks.at(-1)), /snapshot 7/);
  });
  test(`Markdown within Mattermost's limit: ${name}`, () => {
    assert.ok(chatMarkdown(huge(items, width)).length <= MATTERMOST_MESSAGE);
  });
}

test('the three formats say the same words', () => {
  const a: ChatAnswer = {
    title: 'a → b on TCP/80: DENIED',
    verdict: 'denied',
    text: 'no rule admits it',
    fields: [{ label: 'Ingress (denied)', text: 'isolated by ns/p' }],
    items: ['x'],
    snapshot: { id: 1, takenAt: 't' },
    ephemeral: false,
  };
  for (const out of [chatPlain(a), chatMarkdown(a), JSON.stringify(chatBlockKit(a))]) {
    for (const words of ['a → b on TCP/80: DENIED', 'no rule admits it', 'Ingress (denied)', 'isolated by ns/p'])
      assert.ok(out.includes(words), `${words} in ${out}`);
  }
});

test('mrkdwn control characters are escaped', () => {
  assert.equal(escapeMrkdwn('<a> & b'), '&lt;a&gt; &amp; b');
});
