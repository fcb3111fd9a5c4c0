// Prints verified aims per second with the shipped field aimer at the default 5 cm, one JSON line each:
//  - inverse.aim.perSecond: aimBatch on one core, for a batch of 100 000 random targets of the field box;
//  - inverse.aimBatch.perSecondAllCores: the same batch through an aim pool (@cannon/inverse/pool) with a worker
//    per core;
//  - inverse.aimColumns.perSecondAllCores: the same batch as columns through the pool (pool.aimColumns), with no
//    object per target on the calling thread.
// Each is the median of 5 timed batches after one that warms the JIT up. The details give the load average of
// the machine when it ran: other processes on its cores lower both figures.
import { availableParallelism, loadavg } from 'node:os';
import { createRandom } from '@cannon/random';
import { printFigure, quantile } from '@cannon/stats';
import { aimBatch, fieldDomain, sampleConditions } from '../dist/index.js';
import { createAimPool } from '../dist/pool.js';

const batch = 100_000;
const sample = sampleConditions(fieldDomain, batch, createRandom(8));
const targets = Array.from(sample.target);
const conditions = targets.map((_, i) => ({ wind: sample.wind[i], drag: sample.drag[i], heightDifference: sample.heightDifference[i] }));

/** Aims per second of `aimAll` over the batch: the median of 5 timed runs after a warm-up. */
async function perSecond(aimAll) {
  let results = await aimAll();
  const rates = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    results = await aimAll();
    rates.push(batch / ((performance.now() - started) / 1000));
  }
  const refined = Array.isArray(results) ? results.filter((r) => r.refined).length : results.refined.reduce((sum, r) => sum + r, 0);
  return { rate: quantile(rates, 0.5), refined };
}

const details = (extra) => ({ aimer: 'field', verified: true, batch, tolerance: 0.05, cores: availableParallelism(), loadAverage: loadavg()[0], ...extra });
const single = await perSecond(() => aimBatch(targets, conditions));
printFigure('inverse.aim.perSecond', single.rate, 'aims/s', details({ refined: single.refined }));
const pool = await createAimPool();
try {
  const all = await perSecond(() => pool.aimBatch(targets, conditions));
  printFigure('inverse.aimBatch.perSecondAllCores', all.rate, 'aims/s', details({ workers: pool.workers, refined: all.refined }));
  const columns = { target: sample.target, wind: sample.wind, drag: sample.drag, heightDifference: sample.heightDifference };
  const asColumns = await perSecond(() => pool.aimColumns(columns));
  printFigure('inverse.aimColumns.perSecondAllCores', asColumns.rate, 'aims/s', details({ workers: pool.workers, refined: asColumns.refined }));
} finally {
  await pool.terminate();
}
