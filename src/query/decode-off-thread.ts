// Large manifest text decoded on a worker thread, so one upload does not stall /healthz and the
// queries of everyone else (issue 26: a 31 MB body once held the event loop for 17.8 s). Small
// texts decode inline (a worker costs tens of milliseconds to start). At most MAX_THREADS decodes
// run at once; more wait their turn. What the worker throws comes back as the same error class
// (InputError with its diagnostics, InputTooLarge), so the doors map it as before.
// Compiling the decoded snapshot still happens on the main thread (a CompiledSnapshot holds
// functions and maps that cannot cross threads).
import { Worker } from 'node:worker_threads';
import { InputTooLarge } from '../ingest/limits.ts';
import { InputError } from '../model/diagnostics.ts';
import { type DecodedText, type TextOptions, decodeManifestText } from './manifest-text.ts';

export const OFF_THREAD_BYTES = 256 * 1024;
const MAX_THREADS = 2;
// From dist/ the compiled worker body runs as is; from the sources a plain-JS entry registers tsx first.
const ENTRY = new URL(import.meta.url.endsWith('.ts') ? './decode-thread.mjs' : './decode-thread.js', import.meta.url);

let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_THREADS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

type Reply = { ok: true; value: DecodedText } | { ok: false; name?: string; message: string; diagnostics?: InputError['diagnostics'] };

function rethrow(r: Exclude<Reply, { ok: true }>): never {
  if (r.name === 'InputError') throw new InputError(r.message, r.diagnostics ?? []);
  if (r.name === 'InputTooLarge') throw new InputTooLarge(r.message);
  throw new Error(r.message);
}

export async function decodeManifestTextOffThread(text: string, options: TextOptions): Promise<DecodedText> {
  if (text.length < OFF_THREAD_BYTES) return decodeManifestText(text, options);
  const release = await slot();
  try {
    const reply = await new Promise<Reply>((resolve, reject) => {
      const worker = new Worker(ENTRY, { workerData: { text, options } });
      worker.once('message', (m: Reply) => resolve(m));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`decode worker exited with ${code} before answering`)));
    });
    if (!reply.ok) rethrow(reply);
    return reply.value;
  } finally {
    release();
  }
}
