// @cannon/inverse in a real browser (Debian's Chromium, see tests/support/chromium.ts): the shipped aimers answer there
// as in Node (to the last few digits: the two JavaScript engines' sin and cos may differ in the last bit, and a
// refinement carries that through), an aimer trains there, and an aim pool aims on Web Workers.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initializeBackend } from '@cannon/physics/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, skipBrowser, type BrowserPage } from '../../../tests/support/chromium.js';
import { aim, aimBatch, fieldDomain, sampleConditions } from '../src/index.js';
import { createRandom } from '@cannon/random';
import type { InversePageResult } from './browser/page.js';

const here = dirname(fileURLToPath(import.meta.url));

describe.skipIf(skipBrowser)('@cannon/inverse in Chromium on the wasm backend', () => {
  let browser: BrowserPage | undefined;

  beforeAll(async () => {
    await initializeBackend();
    browser = await openPage(join(here, 'browser', 'page.ts'), { title: '@cannon/inverse', workers: { 'aim-worker.js': join(here, '..', 'src', 'aim-worker.ts') } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('aims as in Node, trains, and leaks no tensor', async () => {
    const result = await browser!.result<InversePageResult>('inverseResult', 60_000);
    const context = `${browser!.diagnostics()}\npage result: ${JSON.stringify(result)}`;
    expect(result.backend, context).toBe('wasm');
    const node = aim(5, { wind: 2, drag: 0.02, heightDifference: 0.3 });
    const same = (a: Record<string, number | string>, b: Record<string, number | string>) => {
      expect(Object.keys(a).sort(), context).toEqual(Object.keys(b).sort());
      for (const key of Object.keys(b)) {
        if (typeof b[key] === 'number') expect(a[key] as number, `${key}${context}`).toBeCloseTo(b[key] as number, 10);
        else expect(a[key], context).toBe(b[key]);
      }
    };
    same(result.single, { speed: node.speed, angle: node.angle, landing: node.landing, error: node.error, aimer: 'field' });
    expect(result.single.error, context).toBeLessThanOrEqual(0.05);
    const nodeBatch = aimBatch([2, 4, 6, 8], { wind: -3 });
    expect(result.batch, context).toHaveLength(nodeBatch.length);
    nodeBatch.forEach(({ speed, angle, error }, i) => same(result.batch[i], { speed, angle, error }));
    expect(result.training.lastLoss, context).toBeLessThan(result.training.firstLoss);
    expect(result.numTensorsAfter, context).toBe(result.numTensorsBefore);
    // The pool's refusal fetched a worker module that is not there: that 404 is the one problem expected.
    expect(browser!.problems.filter((problem) => !problem.includes('missing-worker.js')), context).toEqual([]);
  }, 90_000);

  it('aims a batch on two Web Workers exactly as on the page thread, as in Node, and refuses a worker that cannot load', async () => {
    const { pool } = await browser!.result<InversePageResult>('inverseResult', 60_000);
    const context = `${browser!.diagnostics()}\npool: ${JSON.stringify(pool)}`;
    expect(pool.workers, context).toBe(2);
    expect(pool.aims, context).toBe(3000);
    expect(pool.sameAsOneThread, context).toBe(true);
    expect(pool.columnsSame, context).toBe(true);
    const sample = sampleConditions(fieldDomain, 3000, createRandom(5));
    const node = aimBatch(Array.from(sample.target.subarray(0, 5)), Array.from({ length: 5 }, (_, i) => ({ wind: sample.wind[i], drag: sample.drag[i], heightDifference: sample.heightDifference[i] })));
    node.forEach(({ speed, angle, error }, i) => {
      expect(pool.first[i].speed, context).toBeCloseTo(speed, 10);
      expect(pool.first[i].angle, context).toBeCloseTo(angle, 10);
      expect(pool.first[i].error, context).toBeCloseTo(error, 10);
    });
    expect(pool.failure, context).toMatch(/^BackendError: a worker of the aim pool could not start/);
  });

  it('aims a 3D batch on two Web Workers exactly as on the page thread, in shared memory and in slices', async () => {
    const { pool3d } = await browser!.result<InversePageResult>('inverseResult', 60_000);
    const context = `${browser!.diagnostics()}\npool3d: ${JSON.stringify(pool3d)}`;
    // The page is cross-origin isolated: the batch goes in shared memory by default.
    expect(pool3d.isolated, context).toBe(true);
    expect(pool3d.aims, context).toBe(700);
    expect(pool3d.sharedSame, context).toBe(true);
    expect(pool3d.slicedSame, context).toBe(true);
    expect(pool3d.columnsSame, context).toBe(true);
    expect(pool3d.refusal, context).toMatch(/^InvalidInputError: .*sharedMemory/);
  });
});
