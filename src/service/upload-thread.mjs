// Worker entry for upload-off-thread.ts when netreach runs from its TypeScript sources (tests, tsx):
// Node 20 workers inherit neither `--import tsx` hooks nor an in-process register(), so this plain-JS
// entry registers tsx, then runs the TypeScript worker body. The shipped build (dist/) starts the
// compiled upload-thread.js directly.
(await import('tsx/esm/api')).register();
await import('./upload-thread.ts');
