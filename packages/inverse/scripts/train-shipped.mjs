// Trains the two aimers shipped inside @cannon/inverse, with fixed seeds, and saves them to models/:
//   vacuum: the article's world (flat ground, no air, speeds up to 10 m/s, targets up to the maximum range);
//   field: targets 1–8 m, wind ±5 m/s, drag up to 0.05 1/m, target ±1 m, speeds up to 15 m/s.
// Run after a build: `node scripts/train-shipped.mjs`, then rebuild (the build embeds models/).
import { initializeBackend } from '@cannon/physics/tensor';
import { saveAimer, trainAimer } from '../dist/index.js';

const shipped = {
  vacuum: { domain: 'vacuum', name: 'vacuum', hiddenLayers: [32, 32], steps: 4000, learningRate: 0.005, batchSize: 256, seed: 1 },
  field: { domain: 'field', name: 'field', hiddenLayers: [32, 32], steps: 6000, learningRate: 0.005, batchSize: 256, seed: 1 },
};

await initializeBackend();
for (const [name, options] of Object.entries(shipped)) {
  const aimer = await trainAimer({
    ...options,
    progressEvery: 500,
    onProgress: ({ step, steps, loss, seconds }) => console.log(`${name}: step ${step}/${steps}, loss ${loss.toExponential(3)} m², ${seconds.toFixed(1)} s`),
  });
  await saveAimer(aimer, new URL(`../models/${name}`, import.meta.url).pathname);
  aimer.dispose();
}
