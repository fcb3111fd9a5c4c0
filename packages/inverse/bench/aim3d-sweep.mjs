// Every target of the shipped 3D aimer's box answered within the tolerance, or refused as out of reach: aimAt with a
// 40 m/s launcher over targets drawn from the box (`streams` streams of 4600, alternately still and moving up to
// 5 m/s; 4 by default, `node bench/aim3d-sweep.mjs 13` for 13), counted by what answered them. Anything thrown but
// UnreachableTargetError is a defect: counted as `failed`, and printed to stderr as the target and world that repeat it.
// Also how long the targets handed to the physics' own search take, one at a time, one thread.
import { checkInteger } from '@cannon/errors';
import { createRandom } from '@cannon/random';
import { printFigure, quantile } from '@cannon/stats';
import { aimAt, UnreachableTargetError } from '../dist/index.js';
import { shippedBox3dCase } from './box3d.mjs';

const streams = checkInteger('streams', Number(process.argv[2] ?? 4), { min: 1, max: 1000 });
const counts = { learned: 0, physics: 0, unreachable: 0, failed: 0 };
const kinds = { still: { ...counts }, moving: { ...counts } };
const physicsMillis = [];
for (let stream = 1; stream <= streams; stream++) {
  const random = createRandom(stream);
  for (let i = 0; i < 4600; i++) {
    const moving = i % 2 === 1;
    const { target, world } = shippedBox3dCase(moving, () => random.uniform());
    const tally = kinds[moving ? 'moving' : 'still'];
    const start = performance.now();
    try {
      const shot = aimAt(target, world, { maxSpeed: 40 });
      if (!(shot.error <= 0.001)) throw new Error(`answered ${shot.error} m off`);
      if (shot.aimer === 'physics') physicsMillis.push(performance.now() - start);
      tally[shot.aimer === 'physics' ? 'physics' : 'learned'] += 1;
    } catch (error) {
      if (error instanceof UnreachableTargetError) tally.unreachable += 1;
      else {
        tally.failed += 1;
        console.error(JSON.stringify({ target, world, error: error.message }));
      }
    }
  }
}
const details = (kind) => ({ ...kinds[kind], targets: Object.values(kinds[kind]).reduce((a, b) => a + b, 0), streams, on: 'the shipped 3D aimer, maxSpeed 40 m/s, tolerance 1 mm' });
for (const kind of ['still', 'moving']) printFigure(`inverse.aimAt.shippedBox.sweep.${kind}.failed`, kinds[kind].failed, 'targets', details(kind));
const sorted = Float64Array.from(physicsMillis).sort();
const handed = { aims: sorted.length, what: 'targets handed to the physics, still and moving, one at a time, one thread' };
printFigure('inverse.aimAt.shippedBox.sweep.handedToPhysics.p50', quantile(sorted, 0.5), 'ms', handed);
printFigure('inverse.aimAt.shippedBox.sweep.handedToPhysics.max', sorted[sorted.length - 1], 'ms', handed);
