// Trains the surrogate the surrogate page shows on its first view, with fixed seeds, and saves it as a static
// asset of the site, so that the page loads it instead of training on every visit:
//   pages/public/first-surrogate/: model.json, weights.bin, surrogate.json (saveSurrogate of @cannon/surrogate);
//   pages/public/first-surrogate.json: the shots it learned from, its loss after every epoch (for the page's
//   chart), and two starts found on it by searching: the article's miss (a descent through the network that
//   stops within 5 cm by its measure and misses most in truth) and a corner start whose descent fails.
// The shots and the training are the page's own first ones: fire({ shots: 1000, seed: 0 }), trainSurrogate
// seed 0. Run after a build of the libraries: `node scripts/train-first-surrogate.mjs` (in apps/docs-site).
import { rmSync, writeFileSync } from 'node:fs';
import { fire } from '@cannon/physics';
import { initializeBackend } from '@cannon/physics/tensor';
import { physicsModel, solve } from '@cannon/optimize';
import { tensorModel } from '@cannon/optimize/tensor';
import { heldOutError, saveSurrogate, trainSurrogate } from '@cannon/surrogate';

const shots = { shots: 1000, noise: 0, seed: 0 };
const seed = 0;
const directory = new URL('../pages/public/first-surrogate', import.meta.url).pathname;
const record = new URL('../pages/public/first-surrogate.json', import.meta.url).pathname;
const radians = (degrees) => (degrees * Math.PI) / 180;
// The page's descents: gradient descent to within 5 cm by the model's measure, speeds up to 10 m/s.
const descent = { method: 'gradient-descent', tolerance: 0.05, maxSpeed: 10 };

await initializeBackend();
const epochs = [];
const surrogate = await trainSurrogate({ data: fire(shots), seed, onProgress: (progress) => epochs.push(progress) });
const { epochsRun, bestEpoch } = surrogate.metadata.training;
console.log(`trained: ${epochsRun} epochs, kept epoch ${bestEpoch}; held-out error`, heldOutError(surrogate));
const model = tensorModel(surrogate.forward);

// The article's miss: over targets 1–10 m and a grid of starts, the descent that the network calls a hit
// (converged) and that misses most in truth. Descents still moving after 1000 steps are left out of the search.
let moment = null;
for (let target = 1; target <= 10; target += 0.5) {
  for (let speed = 1; speed <= 10; speed += 1.5) {
    for (let degrees = 10; degrees <= 80; degrees += 10) {
      const start = { speed, angle: radians(degrees) };
      const solution = solve(model, target, { ...descent, start, maxIterations: 1000 });
      if (solution.converged && (moment === null || solution.trueError > moment.trueError)) moment = { target, start, trueError: solution.trueError, modelError: solution.modelError };
    }
  }
}
console.log('the miss:', moment);

// The ill-conditioned corner: for the page's 7 m target, the first start near a corner of the plane from which
// descent through the network fails while descent through the physics, from the same start, succeeds.
const cornerTarget = 7;
const corners = [9.8, 10, 0.5, 1].flatMap((speed) => [85, 87, 89, 3, 1].map((degrees) => ({ speed, angle: radians(degrees) })));
const corner = corners.find((start) => !solve(model, cornerTarget, { ...descent, start }).converged && solve(physicsModel(), cornerTarget, { ...descent, start }).converged);
console.log('the corner:', corner);
if (!moment || !corner) throw new Error('the searches found no miss or no failing corner start');

rmSync(directory, { recursive: true, force: true });
await saveSurrogate(surrogate, directory);
surrogate.dispose();
const rounded = (value) => Number(value.toPrecision(6));
writeFileSync(
  record,
  `${JSON.stringify(
    {
      shots,
      seed,
      epochs: epochs.map(({ epoch, epochs: of, loss, validationLoss }) => ({ epoch, epochs: of, loss: rounded(loss), validationLoss: validationLoss === null ? null : rounded(validationLoss) })),
      moment: { target: moment.target, start: moment.start },
      corner: { target: cornerTarget, start: corner },
    },
    null,
    1,
  )}\n`,
);
console.log(`saved ${directory} and ${record}`);
