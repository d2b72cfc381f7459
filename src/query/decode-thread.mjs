// Worker entry for decode-off-thread.ts: plain JS, so it loads however the parent was started
// (Node 20 workers inherit neither `--import tsx` hooks nor bin/netreach's in-process register()),
// registers tsx, then imports the TypeScript decoder.
import { parentPort, workerData } from 'node:worker_threads';

(await import('tsx/esm/api')).register();
const { decodeManifestText } = await import('./manifest-text.ts');
try {
  const d = decodeManifestText(workerData.text, workerData.options);
  parentPort.postMessage({ ok: true, value: { snapshot: d.snapshot, diagnostics: d.diagnostics, skippedKinds: d.skippedKinds, objects: d.objects, origins: d.origins } });
} catch (err) {
  parentPort.postMessage({ ok: false, name: err?.name, message: err?.message ?? String(err), diagnostics: err?.diagnostics });
}
