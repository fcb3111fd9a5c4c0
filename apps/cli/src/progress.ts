/**
 * A progress line on stderr (step, loss, ETA), redrawn in place, only when stderr is a terminal: pipes and
 * logs get nothing. `done` ends the line.
 */
export function progressBar(total: number, label: string) {
  const started = performance.now();
  const live = Boolean(process.stderr.isTTY);
  return {
    update(done: number, loss: number) {
      if (!live) return;
      const fraction = done / total;
      const width = 24;
      const filled = Math.round(fraction * width);
      const seconds = (performance.now() - started) / 1000;
      const eta = fraction > 0 ? seconds * (1 / fraction - 1) : NaN;
      process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}  loss ${loss.toExponential(2)}  ETA ${Number.isFinite(eta) ? `${eta.toFixed(0)} s` : '…'}   `);
    },
    done() {
      if (live) process.stderr.write('\n');
    },
  };
}
