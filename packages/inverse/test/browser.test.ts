// @cannon/inverse in a real browser (Debian's Chromium, see vitest.browser.ts): the shipped aimers answer there
// exactly as in Node, and an aimer trains there.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initializeBackend } from '@cannon/physics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, skipBrowser, type BrowserPage } from '../../../vitest.browser.js';
import { aim, aimBatch } from '../src/index.js';
import type { InversePageResult } from './browser/page.js';

const here = dirname(fileURLToPath(import.meta.url));

describe.skipIf(skipBrowser)('@cannon/inverse in Chromium on the wasm backend', () => {
  let browser: BrowserPage | undefined;

  beforeAll(async () => {
    await initializeBackend();
    browser = await openPage(join(here, 'browser', 'page.ts'), { title: '@cannon/inverse' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('aims as in Node, trains, and leaks no tensor', async () => {
    const result = await browser!.result<InversePageResult>('inverseResult', 60_000);
    const context = `${browser!.diagnostics()}\npage result: ${JSON.stringify(result)}`;
    expect(result.backend, context).toBe('wasm');
    const node = aim(5, { wind: 2, drag: 0.02, heightDifference: 0.3 });
    expect(result.single, context).toEqual({ speed: node.speed, angle: node.angle, landing: node.landing, error: node.error, aimer: 'field' });
    expect(result.single.error, context).toBeLessThanOrEqual(0.05);
    const nodeBatch = aimBatch([2, 4, 6, 8], { wind: -3 }).map(({ speed, angle, error }) => ({ speed, angle, error }));
    expect(result.batch, context).toEqual(nodeBatch);
    expect(result.training.lastLoss, context).toBeLessThan(result.training.firstLoss);
    expect(result.numTensorsAfter, context).toBe(result.numTensorsBefore);
    expect(browser!.problems, context).toEqual([]);
  }, 90_000);
});
