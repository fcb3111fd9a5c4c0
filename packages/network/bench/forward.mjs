// Times the forward pass (createForward) of the shipped 3D aimer's network shape, 5 → 48 → 48 → 48 → 4, with seeded
// weights: one row alone (as one aim asks it), and a row in a batch of 2048 (as a batch of aims does), one thread.
import { printFigure, quantile } from '@cannon/stats';
import { createForward, initialParameters } from '../dist/index.js';

const spec = { inputs: 5, hiddenLayers: [48, 48, 48], outputs: 4, activation: 'tanh', seed: 3 };
const forward = createForward(spec, initialParameters(spec));
const rows = 2048;
const x = Float64Array.from({ length: rows * spec.inputs }, (_, i) => Math.sin(i));
const out = new Float64Array(rows * spec.outputs);

/** The median over 7 rounds of `calls` calls of `run`, in µs a row. */
function time(run, calls, perCall) {
  for (let i = 0; i < calls; i++) run();
  const rounds = Array.from({ length: 7 }, () => {
    const start = performance.now();
    for (let i = 0; i < calls; i++) run();
    return ((performance.now() - start) * 1000) / (calls * perCall);
  });
  return quantile(Float64Array.from(rounds).sort(), 0.5);
}

const details = { network: '5 → 48 → 48 → 48 → 4, tanh', on: 'the median of 7 rounds, one thread' };
printFigure('network.forward.oneRow', time(() => forward(x.subarray(0, spec.inputs), 1, out), 50_000, 1), 'us', details);
printFigure('network.forward.rowInBatch2048', time(() => forward(x, rows, out), 50, rows), 'us', details);
