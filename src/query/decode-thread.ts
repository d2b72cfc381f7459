// Worker body for decode-off-thread.ts: decodes the text it is given and posts the result (or the
// error's class, message and diagnostics) back. From dist/ it runs as the compiled decode-thread.js;
// from the source tree decode-thread.mjs registers tsx first (Node 20 workers inherit no loader hooks).
import { parentPort, workerData } from 'node:worker_threads';
import { decodeManifestText } from './manifest-text.ts';

const port = parentPort;
if (port) {
  const { text, options } = workerData as { text: string; options: Parameters<typeof decodeManifestText>[1] };
  try {
    const d = decodeManifestText(text, options);
    port.postMessage({
      ok: true,
      value: { snapshot: d.snapshot, diagnostics: d.diagnostics, skippedKinds: d.skippedKinds, objects: d.objects, origins: d.origins },
    });
  } catch (err) {
    const e = err as { name?: string; message?: string; diagnostics?: unknown };
    port.postMessage({ ok: false, name: e?.name, message: e?.message ?? String(err), diagnostics: e?.diagnostics });
  }
}
