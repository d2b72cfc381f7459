// A one-line progress bar on stderr, only when stderr is a terminal (never in pipes, CI or tests).
export type ProgressFn = (done: number, total: number) => void;

export function terminalProgress(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): { update: ProgressFn; done(): void } | undefined {
  if (!stream.isTTY) return undefined;
  let last = -1;
  return {
    update(done, total) {
      const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
      if (pct === last) return;
      last = pct;
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}%`);
    },
    done() {
      if (last >= 0) stream.write('\r\x1b[K');
    },
  };
}
