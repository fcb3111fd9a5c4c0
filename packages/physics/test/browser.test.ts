// @cannon/physics in a real browser: Debian's Chromium, driven by playwright-core, on the wasm backend with
// SIMD and threads. The page (test/browser/page.ts) is bundled from the package's source with esbuild and
// served, with the three .wasm files of @tensorflow/tfjs-backend-wasm, from a cross-origin isolated origin.
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradientField, PageFailure, PageResult } from './browser/page.js';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(executablePath);
const onCI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
const missingChromium = `no Chromium at ${executablePath}: install Debian's chromium: apt-get install chromium (or set CHROMIUM_PATH)`;
if (!haveChromium && !onCI) console.warn(`[browser.test] skipped: ${missingChromium}`);

const wasmFiles = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];
const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
};
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

describe.skipIf(!haveChromium && !onCI)('@cannon/physics in Chromium on the wasm backend', () => {
  let dir: string | undefined;
  let server: Server | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const requests: string[] = [];
  const problems: string[] = [];
  /** What went wrong in the page, for every failure message. */
  const diagnostics = () => (problems.length > 0 ? `\npage problems:\n  ${problems.join('\n  ')}` : '\n(no page console errors or page errors)');

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`CI is set and the browser test cannot run: ${missingChromium}`);
    dir = await mkdtemp(join(tmpdir(), 'cannon-physics-browser-'));

    const wasmDist = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
    await Promise.all([
      build({
        entryPoints: [join(here, 'browser', 'page.ts')],
        outfile: join(dir, 'page.js'),
        bundle: true,
        platform: 'browser',
        format: 'esm',
        target: 'es2022',
        logLevel: 'silent',
      }),
      ...wasmFiles.map((file) => copyFile(join(wasmDist, file), join(dir!, file))),
      writeFile(
        join(dir, 'index.html'),
        '<!doctype html>\n<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>@cannon/physics</title></head>' +
          '<body><script type="module" src="/page.js"></script></body></html>\n',
      ),
    ]);

    const root = dir;
    server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      requests.push(path);
      const file = normalize(join(root, path === '/' ? 'index.html' : path));
      const type = mimeTypes[extname(file)];
      const headers = {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'same-origin',
        'Cache-Control': 'no-store',
      };
      if (!file.startsWith(root + sep) || type === undefined) {
        response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      readFile(file).then(
        (body) => response.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': body.length }).end(body),
        () => response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found'),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(0, '127.0.0.1', resolve);
    });

    browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: EMULATED_CORES });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
  }, 60_000);

  afterAll(async () => {
    // Each step on its own, so one failing does not leave the others open.
    await browser?.close().catch(() => {});
    if (server) {
      const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
      server.closeAllConnections(); // keep-alive sockets would hold close() open
      await closed;
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lands shots and differentiates them on wasm with SIMD and threads, in a cross-origin isolated page', async () => {
    const { port } = server!.address() as AddressInfo;
    await page!.goto(`http://127.0.0.1:${port}/`);
    const handle = await page!.waitForFunction(() => window.physicsResult, undefined, { timeout: 20_000 }).catch((error: Error) => {
      throw new Error(`the page never set window.physicsResult: ${error.message}${diagnostics()}`);
    });
    await handle.dispose();
    const outcome: PageResult | PageFailure = await page!.evaluate(() => window.physicsResult);
    if (!outcome.ok) throw new Error(`the page failed: ${outcome.error}${diagnostics()}`);
    const result = outcome;
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

    // No tensor outlives the computations, and nothing went wrong along the way.
    expect(result.numTensorsAfter, context('tensors leaked')).toBe(result.numTensorsBefore);
    expect(problems, context('page console errors / page errors')).toEqual([]);
  }, 60_000);
});
