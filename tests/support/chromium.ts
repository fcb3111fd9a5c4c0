import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Code in a real browser, for tests: Debian's Chromium driven by playwright-core. `openPage` bundles a page
 * from a package's source with esbuild and serves it, with the three .wasm files of @tensorflow/tfjs-backend-wasm;
 * `openDirectory` serves an app that is already built (a Vite build, say). Both serve from a cross-origin
 * isolated origin on 127.0.0.1 (so the wasm backend may use threads).
 */
export const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(executablePath);
const onCI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
export const missingChromium = `no Chromium at ${executablePath}: install Debian's chromium: apt-get install chromium (or set CHROMIUM_PATH)`;
/** Skip browser tests on a workstation without Chromium; under CI they run, and fail when it is missing. */
export const skipBrowser = !haveChromium && !onCI;
/** Thrown by a browser test that must run (CI) when there is no Chromium. */
export const requireChromium = () => {
  if (!haveChromium) throw new Error(`CI is set and the browser test cannot run: ${missingChromium}`);
};
/** Records in `problems` what a reader should never meet on `page`: console errors, page errors, failed requests, HTTP errors. */
export function recordProblems(page: Page, problems: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
}

/** Headless, no GPU, and nothing that reaches off the machine on its own (updates, sync, first-run pages). */
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
if (skipBrowser) console.warn(`[browser tests] skipped: ${missingChromium}`);

const wasmFiles = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];
const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

export interface BrowserPage {
  page: Page;
  /** Every path the page requested. */
  requests: string[];
  /** Console errors, page errors, failed requests and HTTP errors. */
  problems: string[];
  /** The problems, for a failure message. */
  diagnostics(): string;
  /** Waits for `window[key]` and returns it; a value `{ ok: false, error }` fails with the page's diagnostics. */
  result<T>(key: string, timeout?: number): Promise<T>;
  close(): Promise<void>;
}

/**
 * Bundles `entry` (a test page module) and opens it in headless Chromium. `emulatedCores` is reported as
 * navigator.hardwareConcurrency (tfjs-backend-wasm grants at most half of it as threads). `workers` are more
 * modules bundled beside the page, by file name (a worker the page starts from new URL(name, import.meta.url)).
 */
export async function openPage(entry: string, { title = 'cannon', emulatedCores = 4, workers = {} as Record<string, string> } = {}): Promise<BrowserPage> {
  requireChromium();
  const dir = await mkdtemp(join(tmpdir(), 'cannon-browser-'));
  try {
    const wasmDist = join(dirname(createRequire(entry).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
    await Promise.all([
      build({ entryPoints: [entry], outfile: join(dir, 'page.js'), bundle: true, platform: 'browser', format: 'esm', target: 'es2022', logLevel: 'silent' }),
      ...Object.entries(workers).map(([name, worker]) =>
        build({ entryPoints: [worker], outfile: join(dir, name), bundle: true, platform: 'browser', format: 'esm', target: 'es2022', logLevel: 'silent' }),
      ),
      ...wasmFiles.map((file) => copyFile(join(wasmDist, file), join(dir, file))),
      writeFile(
        join(dir, 'index.html'),
        `<!doctype html>\n<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title></head>` +
          '<body><script type="module" src="/page.js"></script></body></html>\n',
      ),
    ]);
    const page = await openDirectory(dir, { emulatedCores });
    return { ...page, close: () => page.close().finally(() => rm(dir, { recursive: true, force: true })) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

export interface StaticServer {
  /** The origin, http://127.0.0.1:<port>/ */
  url: string;
  /** Every path requested. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves the files of `dir` on 127.0.0.1 (a free port) from a cross-origin isolated origin (COOP and COEP
 * headers), as an app that wants the wasm backend's threads must be served. `/` is index.html.
 */
export async function serveDirectory(dir: string): Promise<StaticServer> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    requests.push(path);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    const type = mimeTypes[extname(file)];
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    };
    if (!file.startsWith(dir + sep) || type === undefined) {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    readFile(file).then(
      (body) => response.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': body.length }).end(body),
      () => response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections(); // keep-alive sockets would hold close() open
      return closed;
    },
  };
}

/** Serves `dir` (see serveDirectory) and opens its index.html in headless Chromium. */
export async function openDirectory(dir: string, { emulatedCores = 4 } = {}): Promise<BrowserPage> {
  if (!haveChromium) throw new Error(`CI is set and the browser test cannot run: ${missingChromium}`);
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  const problems: string[] = [];
  const close = async () => {
    // Each step on its own, so one failing does not leave the others open.
    await browser?.close().catch(() => {});
    await server?.close();
  };
  try {
    server = await serveDirectory(dir);
    browser = await chromium.launch({
      executablePath,
      args: chromiumArgs,
    });
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: emulatedCores });
    recordProblems(page, problems);
    const diagnostics = () => (problems.length > 0 ? `\npage problems:\n  ${problems.join('\n  ')}` : '\n(no page console errors or page errors)');
    await page.goto(server.url);
    return {
      page,
      requests: server.requests,
      problems,
      diagnostics,
      async result<T>(key: string, timeout = 30_000) {
        const handle = await page.waitForFunction((k) => (window as unknown as Record<string, unknown>)[k], key, { timeout }).catch((error: Error) => {
          throw new Error(`the page never set window.${key}: ${error.message}${diagnostics()}`);
        });
        await handle.dispose();
        const outcome = (await page.evaluate((k) => (window as unknown as Record<string, unknown>)[k], key)) as { ok?: boolean; error?: string };
        if (outcome.ok === false) throw new Error(`the page failed: ${outcome.error}${diagnostics()}`);
        return outcome as T;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
