// @cannon/physics in a real browser: Debian's Chromium, driven by playwright-core, on the wasm backend with
// SIMD and threads. The page (test/browser/page.ts) is bundled from the package's source with esbuild and
// served, with the three .wasm files of @tensorflow/tfjs-backend-wasm, from a cross-origin isolated origin.
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, skipBrowser, type BrowserPage } from '../../../tests/support/chromium.js';
import type { GradientField, PageFailure, PageResult } from './browser/page.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * tfjs-backend-wasm 4.22 caps its thread pool at navigator.hardwareConcurrency / 2 (backend.cc:
 * min(max(setThreadsCount, 1), 8, hardwareConcurrency / 2)), so on a 2-core machine it computes on one thread
 * whatever it is asked for. The page is told it runs on 4 logical cores (CDP Emulation), so the 2 threads it
 * asks for are granted on any machine.
 */
const EMULATED_CORES = 4;

/** float32 keeps 24 significant bits: rounding to it moves a value by at most 2^-24 of itself, and the tensor path may differ from landing() by that rounding, no more. */
const FLOAT32_RELATIVE = 2 ** -24;
/** Gradients against central differences of landing(). */
const GRADIENT_RELATIVE = 1e-3;

describe.skipIf(skipBrowser)('@cannon/physics in Chromium on the wasm backend', () => {
  let browser: BrowserPage | undefined;
  const diagnostics = () => browser?.diagnostics() ?? '';

  beforeAll(async () => {
    browser = await openPage(join(here, 'browser', 'page.ts'), { title: '@cannon/physics', emulatedCores: EMULATED_CORES, workers: { 'landing-worker.js': join(here, '..', 'src', 'landing-worker.ts') } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('lands shots and differentiates them on wasm with SIMD and threads, in a cross-origin isolated page', async () => {
    const result = await browser!.result<Exclude<PageResult | PageFailure, PageFailure>>('physicsResult');
    const { requests, problems } = browser!;
    const relative = (value: number, reference: number) => Math.abs(value - reference) / Math.abs(reference);
    const worstForward = Math.max(...result.forward.tensor.map((d, i) => relative(d, result.forward.plain[i]?.distance ?? NaN)));
    const worstGradient = Math.max(
      ...(Object.keys(result.gradients.inputs) as GradientField[]).flatMap((field) =>
        result.gradients.tensor[field].map((g, i) => relative(g, result.gradients.finiteDifference[field][i])),
      ),
    );
    const context = (what: string) => `${what}${diagnostics()}\npage result: ${JSON.stringify(result, null, 1)}`;
    console.info(
      `[browser.test] ${JSON.stringify(result.info)} crossOriginIsolated=${result.crossOriginIsolated} ` +
        `pthread workers ${result.pthreadWorkers}, tfjs ${result.tfVersion}, cores ${result.hardwareConcurrency} ` +
        `(emulated; the machine has ${availableParallelism()}), backend start ${result.timings.initialize.toFixed(0)} ms, ` +
        `compute ${result.timings.compute.toFixed(0)} ms, wasm fetched: ${requests.filter((path) => path.endsWith('.wasm')).join(', ')}; ` +
        `worst relative error: distances ${worstForward.toExponential(2)}, gradients ${worstGradient.toExponential(2)}`,
    );

    // The platform: isolated, so SharedArrayBuffer exists and tfjs picks the threaded SIMD binary.
    expect(result.crossOriginIsolated, context('crossOriginIsolated')).toBe(true);
    expect(result.sharedArrayBuffer, context('SharedArrayBuffer')).toBe(true);
    expect(result.info.backend, context('backend')).toBe('wasm');
    expect(result.activeBackend, context('tf.getBackend()')).toBe('wasm');
    expect(result.info.simd, context('simd')).toBe(true);
    expect(result.hardwareConcurrency, context('navigator.hardwareConcurrency (CDP emulation)')).toBe(EMULATED_CORES);
    expect(result.info.threads, context('threads')).toBeGreaterThanOrEqual(2);
    // The pool's threads are real: all but the calling thread are Emscripten pthreads (Web Workers) at work.
    if (result.pthreadWorkers !== null) expect(result.pthreadWorkers, context('running pthread workers')).toBe(result.info.threads - 1);
    expect(requests.filter((path) => path.endsWith('.wasm')), context('wasm binaries fetched')).toEqual(['/tfjs-backend-wasm-threaded-simd.wasm']);

    // Landings: the tensor path is landing() rounded to float32.
    const { forward } = result;
    expect(forward.tensor, context('forward distances')).toHaveLength(forward.speeds.length);
    forward.tensor.forEach((distance, i) => {
      const plain = forward.plain[i];
      expect(plain, context(`landing() of shot ${i}`)).not.toBeNull();
      const error = Math.abs(distance - plain!.distance);
      expect(error, context(`shot ${i}: tensor ${distance} vs landing() ${plain!.distance}`)).toBeLessThanOrEqual(FLOAT32_RELATIVE * Math.abs(plain!.distance));
    });

    // Gradients: finite, and the central differences of landing() to 1e-3.
    const { gradients } = result;
    for (const field of Object.keys(gradients.inputs) as GradientField[]) {
      gradients.tensor[field].forEach((gradient, i) => {
        const reference = gradients.finiteDifference[field][i];
        const where = `∂distance/∂${field} of shot ${i}: tf.grads ${gradient}, central difference ${reference}`;
        expect(Number.isFinite(gradient), context(where)).toBe(true);
        expect(Number.isFinite(reference) && reference !== 0, context(where)).toBe(true);
        expect(Math.abs(gradient - reference), context(where)).toBeLessThanOrEqual(GRADIENT_RELATIVE * Math.abs(reference));
      });
    }

    // A landing pool on two Web Workers lands a batch as this thread does, to the bit, and refuses a worker
    // module that cannot load.
    expect(result.pool.workers, context('pool workers')).toBe(2);
    expect(result.pool.sameAsOneThread, context('pool against simulateLandings')).toBe(true);
    expect(result.pool.landed, context('pool landings')).toBeGreaterThan(result.pool.shots / 2);
    expect(result.pool.failure, context('pool refusal')).toMatch(/^BackendError: a worker of the landing pool could not start/);

    // No tensor outlives the computations, and nothing went wrong along the way (but the 404 of the worker
    // module the pool was told to load, which is not there).
    expect(result.numTensorsAfter, context('tensors leaked')).toBe(result.numTensorsBefore);
    expect(problems.filter((problem) => !problem.includes('missing-worker.js')), context('page console errors / page errors')).toEqual([]);
  }, 60_000);
});
