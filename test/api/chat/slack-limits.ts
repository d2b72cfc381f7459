// Slack's documented Block Kit limits as a checker the chat tests share
// (https://docs.slack.dev/reference/block-kit/blocks): ≤ 50 blocks; section text ≤ 3000 characters;
// ≤ 10 fields of ≤ 2000 characters; header plain_text ≤ 150; context ≤ 10 elements.
import assert from 'node:assert/strict';

export function assertSlackLimits(message: any): void {
  assert.ok(Array.isArray(message.blocks), 'blocks is an array');
  assert.ok(message.blocks.length >= 1 && message.blocks.length <= 50, `1..50 blocks (${message.blocks.length})`);
  assert.equal(typeof message.text, 'string');
  assert.ok(['in_channel', 'ephemeral'].includes(message.response_type));
  for (const b of message.blocks) {
    if (b.type === 'header') assert.ok(b.text.type === 'plain_text' && b.text.text.length <= 150, 'header ≤ 150');
    if (b.type === 'section') {
      if (b.text) assert.ok(b.text.text.length <= 3000, `section text ≤ 3000 (${b.text.text.length})`);
      if (b.fields) {
        assert.ok(b.fields.length <= 10, 'fields ≤ 10');
        for (const f of b.fields) assert.ok(f.text.length <= 2000, 'field ≤ 2000');
      }
      assert.ok(b.text || b.fields, 'a section has text or fields');
    }
    if (b.type === 'context') assert.ok(b.elements.length >= 1 && b.elements.length <= 10, 'context 1..10 elements');
    assert.ok(['header', 'section', 'context'].includes(b.type), `known block type ${b.type}`);
  }
}
