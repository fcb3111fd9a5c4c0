// Prints the figures of the article's first two approaches, one JSON line each: for a batch of 10 000
// targets from random starts, each method's iterations (median, p95), convergence rate and time per target,
// on the true physics and on the default surrogate (its training time and held-out error are
// @cannon/surrogate's benchmark); and the true error of solves through the surrogate over 1000 targets
// (they hit by the surrogate's measure, not in truth).
import { maximumRange } from '@cannon/physics';
import { createRandom } from '@cannon/random';
import { initializeBackend } from '@cannon/physics/tensor';
import { printFigure, quantile, summarize } from '@cannon/stats';
import { trainSurrogate } from '@cannon/surrogate';
import { physicsModel, solveBatch } from '../dist/index.js';
import { tensorModel } from '../dist/tensor.js';

const TARGETS = 10_000;
const TOLERANCE = 0.05;
const methods = { gaussNewton: 'gauss-newton', adam: 'adam', gradientDescent: 'gradient-descent' };

await initializeBackend();
const reach = maximumRange(10).distance;
const random = createRandom(31);
const targets = Array.from({ length: TARGETS }, () => random.between(0.1, reach));

const surrogate = await trainSurrogate();

for (const [modelName, model] of [['physics', physicsModel()], ['surrogate', tensorModel(surrogate.forward)]]) {
  for (const [methodName, method] of Object.entries(methods)) {
    const start = performance.now();
    const results = solveBatch(model, targets, { method, seed: 7, tolerance: TOLERANCE });
    const ms = performance.now() - start;
    const converged = results.filter((r) => r.converged);
    const iterations = converged.map((r) => r.iterations);
    const name = `optimize.${modelName}.${methodName}`;
    const context = { targets: TARGETS, start: 'random', seed: 7 };
    printFigure(`${name}.iterationsP50`, quantile(iterations, 0.5), 'iterations', context);
    printFigure(`${name}.iterationsP95`, quantile(iterations, 0.95), 'iterations', context);
    printFigure(`${name}.convergedRate`, converged.length / TARGETS, 'fraction', context);
    printFigure(`${name}.msPerTarget`, ms / TARGETS, 'ms', context);
  }
}

// The article's lesson: through the surrogate the solve meets 5 cm by the surrogate's measure; the truth differs.
for (const [methodName, method] of Object.entries(methods)) {
  const results = solveBatch(tensorModel(surrogate.forward), targets.slice(0, 1000), { method, seed: 8, tolerance: TOLERANCE });
  const converged = results.filter((r) => r.converged);
  const trueError = summarize(converged.map((r) => r.trueError), TOLERANCE);
  const name = `optimize.surrogate.${methodName}.trueError`;
  const context = { targets: 1000, tolerance: TOLERANCE };
  printFigure(`${name}P50`, trueError.p50, 'm', context);
  printFigure(`${name}P95`, trueError.p95, 'm', context);
  printFigure(`${name}Max`, trueError.max, 'm', context);
  printFigure(`optimize.surrogate.${methodName}.trueHitRate`, (trueError.hitRate * converged.length) / results.length, 'fraction', context);
}
surrogate.dispose();
