// CI smoke test of the shipped build (dist/, made by npm ci through prepare): a large upload text is
// decoded on a worker thread, whose entry must exist in dist/ as well as in src/ (tests run src/ only).
const { decodeManifestTextOffThread, OFF_THREAD_BYTES } = await import('../dist/query/decode-off-thread.js');
const items = Array.from({ length: 4000 }, (_, i) => ({
  kind: 'Pod',
  apiVersion: 'v1',
  metadata: { name: `p${i}`, namespace: 'default' },
  status: { podIP: `10.1.${i >> 8}.${i & 255}` },
}));
const text = JSON.stringify({ kind: 'List', apiVersion: 'v1', items });
if (text.length < OFF_THREAD_BYTES) throw new Error('smoke text too small to go off-thread');
const d = await decodeManifestTextOffThread(text, { file: 'ci', source: 'upload' });
if (d.snapshot.pods.length !== items.length) throw new Error(`decoded ${d.snapshot.pods.length} pods, expected ${items.length}`);
console.log(`dist: ${items.length} pods decoded off-thread`);
