// Prints the surrogate benchmarks, one JSON line per figure: the time to train the default surrogate on the
// wasm backend, and its held-out error against the true physics (heldOutError, 1000 shots, seed 12345).
import { initializeBackend } from '@cannon/physics/tensor';
import { heldOutError, trainSurrogate } from '../dist/index.js';
import { printFigure } from '@cannon/stats';

const info = await initializeBackend();
const start = performance.now();
const surrogate = await trainSurrogate();
const ms = performance.now() - start;
const { epochsRun, bestEpoch } = surrogate.metadata.training;
printFigure('surrogate.train.ms', ms, 'ms', { backend: info.backend, threads: info.threads, epochsRun, bestEpoch });
const error = heldOutError(surrogate);
printFigure('surrogate.heldOut.p50', error.p50, 'm');
printFigure('surrogate.heldOut.p95', error.p95, 'm');
printFigure('surrogate.heldOut.max', error.max, 'm');
surrogate.dispose();
