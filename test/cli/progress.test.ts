import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { terminalProgress } from '../../src/cli/progress.ts';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (s: string) => (writes.push(s), true) } as unknown as NodeJS.WriteStream };
}

describe('terminal progress', () => {
  it('is off when stderr is not a terminal (pipes, CI)', () => {
    const { stream } = fakeStream(false);
    assert.equal(terminalProgress('matrix', stream), undefined);
  });

  it('redraws one line per percent and clears it when done', () => {
    const { stream, writes } = fakeStream(true);
    const p = terminalProgress('matrix', stream)!;
    p.update(0, 200);
    p.update(1, 200); // still 0%: no redraw
    p.update(100, 200);
    p.update(200, 200);
    p.done();
    assert.equal(writes.length, 4, `writes: ${JSON.stringify(writes)}`);
    assert.match(writes[1], /^\rmatrix \[#{15}\.{15}\] 50%$/);
    assert.match(writes[2], /100%$/);
    assert.equal(writes[3], '\r\x1b[K');
  });
});
