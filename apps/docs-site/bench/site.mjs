// The site's figures, measured in Chromium on the built site (it builds nothing: `pnpm bench` at the root
// builds first), one JSON line each:
//  - site.<page>.firstFigureMs: from navigation to the first figure drawn with data and ready for input (the
//    page's first `cannon:figure:*` User Timing mark);
//  - site.<page>.jsWasmKB.beforeFigure / .total: gzipped JavaScript and WebAssembly the page requested before
//    that mark, and in all once it is idle (its runtime badge started TensorFlow.js by then);
//  - site.home.tfjsKB.beforeBackend: gzipped TensorFlow.js the home page requested before its badge started the
//    backend (when the browser was idle after the first paint): the home page must not wait for it;
//  - site.surrogate.filledMs: from navigation to the surrogate page's last figure filled (the descent through
//    the surrogate drawn: the surrogate it needs is the shipped one, loaded in the page's worker);
//  - site.surrogate.trainedMs: from the click on "Train it here" to the surrogate trained in the page's worker
//    (the library's default: 1000 shots, up to 200 epochs, early stopping), with threads and again on one thread;
//  - site.trainAimer.wallSecondsToP95 and .trainingSecondsToP95: the field aimer trained in the page (in its
//    worker) until 95% of its shots land within 10 cm: from the click, and as the worker's training clock
//    says; with the threads of 4 emulated cores (2), and again on one thread (2 emulated cores).
// Every visit reports its cores to the page and its workers by CDP emulation (tfjs-backend-wasm grants half
// of navigator.hardwareConcurrency as threads), as the tests do.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { siteRoot, startPreviewServer } from '../scripts/preview-server.mjs';
import { printFigure } from '@cannon/stats';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`site benchmarks skipped: no Chromium at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  process.exit(0);
}
if (!existsSync(join(siteRoot, 'index.html'))) {
  console.error(`no built site in ${siteRoot}: build it first (pnpm docs:build, or pnpm bench at the root)`);
  process.exit(1);
}

/** Gzipped size of a file the site serves (level 9, as a static host would precompress it), by URL path. */
const gzipped = new Map();
function gzippedBytes(pathname) {
  if (!gzipped.has(pathname)) {
    const file = join(siteRoot, decodeURIComponent(pathname));
    gzipped.set(pathname, existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : 0);
  }
  return gzipped.get(pathname);
}
const isCode = (pathname) => /\.(js|mjs|wasm)$/.test(pathname);
const isTfjs = (pathname) => pathname.endsWith('.wasm') || (/\.m?js$/.test(pathname) && readFileSync(join(siteRoot, pathname), 'utf8').includes('tfjsflags'));

const server = await startPreviewServer({ port: 0 });
const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });

/** A fresh page reporting `cores` cores (in its workers too), and every request it and its workers make, with the time. */
async function open(path, cores = 4) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: cores });
  let id = 0;
  cdp.on('Target.attachedToTarget', ({ sessionId }) => {
    const send = (method, params = {}) => cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: ++id, method, params }) }).catch(() => {});
    void send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: cores }).then(() => send('Runtime.runIfWaitingForDebugger'));
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  const requests = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === server.url) requests.push({ pathname: url.pathname, at: Date.now() });
  });
  await page.goto(`${server.url}${path}`);
  return { page, requests, close: () => context.close() };
}

/** The page's User Timing marks, as epoch milliseconds (to compare with request times), and its time origin. */
async function marks(page) {
  return page.evaluate(() => ({
    origin: performance.timeOrigin,
    marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, performance.timeOrigin + m.startTime])),
  }));
}
/** Trains the surrogate page's surrogate at the reader's click, once its first view is filled; marks the click. */
async function trainSurrogate(page) {
  await page.evaluate(() => performance.mark('cannon:surrogate:train'));
  await page.getByRole('button', { name: 'Train it here, on these shots' }).click();
  await page.locator('.fire-and-train[data-source="trained"][data-training="trained"]').waitFor({ timeout: 200_000 });
}
const threadsOfBadge = (page) => page.locator('.runtime-badge.ready').getAttribute('data-threads').then(Number);
const kilobytes = (requests) => requests.filter((r) => isCode(r.pathname)).reduce((sum, r) => sum + gzippedBytes(r.pathname), 0) / 1024;

const pages = [
  { name: 'home', path: '/', figure: '.live-aim[data-state="drawn"]' },
  { name: 'surrogate', path: '/surrogate', figure: '.fire-and-train[data-state="drawn"]' },
  { name: 'physics', path: '/physics', figure: '.physics-descent[data-state="drawn"]' },
  { name: 'differentiable-programming', path: '/differentiable-programming', figure: '.live-aim[data-state="drawn"]' },
  { name: 'getting-started', path: '/getting-started', figure: null },
  { name: 'reference', path: '/reference', figure: null },
];

try {
  for (const { name, path, figure } of pages) {
    const visit = await open(path);
    try {
      if (figure) await visit.page.locator(figure).waitFor({ timeout: 60_000 });
      await visit.page.locator('.runtime-badge.ready').waitFor({ timeout: 60_000 });
      if (name === 'surrogate') await visit.page.locator('.surrogate-descent[data-state="drawn"]').waitFor({ timeout: 120_000 });
      if (name === 'surrogate') await trainSurrogate(visit.page);
      await visit.page.waitForLoadState('networkidle');
      const { origin, marks: at } = await marks(visit.page);
      const figureAt = Math.min(...Object.entries(at).filter(([mark]) => mark.startsWith('cannon:figure:')).map(([, time]) => time));
      if (figure) {
        printFigure(`site.${name}.firstFigureMs`, figureAt - origin, 'ms', { goal: 2000 });
        printFigure(`site.${name}.jsWasmKB.beforeFigure`, kilobytes(visit.requests.filter((r) => r.at <= figureAt)), 'KB', { gzip: 9 });
      }
      printFigure(`site.${name}.jsWasmKB.total`, kilobytes(visit.requests), 'KB', { gzip: 9 });
      if (name === 'home') {
        const backendAt = at['cannon:backend:start'];
        printFigure('site.home.tfjsKB.beforeBackend', kilobytes(visit.requests.filter((r) => r.at < backendAt && isTfjs(r.pathname))), 'KB', { backendStartMs: Math.round(backendAt - origin) });
      }
      if (name === 'surrogate') {
        printFigure('site.surrogate.filledMs', at['cannon:figure:surrogate-descent'] - origin, 'ms', { surrogate: 'shipped' });
        printFigure('site.surrogate.trainedMs', at['cannon:surrogate:trained'] - at['cannon:surrogate:train'], 'ms', { threads: await threadsOfBadge(visit.page) });
      }
    } finally {
      await visit.close();
    }
  }

  // The surrogate page on one thread: the worker's training, timed the same way.
  {
    const visit = await open('/surrogate', 2);
    try {
      await visit.page.locator('.surrogate-descent[data-state="drawn"]').waitFor({ timeout: 200_000 });
      await trainSurrogate(visit.page);
      const { marks: at } = await marks(visit.page);
      printFigure('site.surrogate.trainedMs.oneThread', at['cannon:surrogate:trained'] - at['cannon:surrogate:train'], 'ms', { threads: 1 });
    } finally {
      await visit.close();
    }
  }

  for (const [cores, label] of [
    [4, 'threads'],
    [2, 'oneThread'],
  ]) {
    const visit = await open('/differentiable-programming', cores);
    try {
      await visit.page.locator('.runtime-badge.ready').waitFor({ timeout: 60_000 });
      const figure = visit.page.locator('.train-aimer');
      await figure.getByRole('button', { name: 'Train an aimer' }).click();
      await visit.page.locator('.train-aimer[data-goal-step]').waitFor({ timeout: 200_000 });
      const { marks: at } = await marks(visit.page);
      const threads = Number(await figure.getAttribute('data-threads'));
      const step = Number(await figure.getAttribute('data-goal-step'));
      const suffix = label === 'threads' ? '' : `.${label}`;
      printFigure(`site.trainAimer.wallSecondsToP95${suffix}`, (at['cannon:aimer:goal'] - at['cannon:aimer:start']) / 1000, 's', { threads, steps: step, goal: label === 'threads' ? 5 : undefined });
      printFigure(`site.trainAimer.trainingSecondsToP95${suffix}`, Number(await figure.getAttribute('data-goal-seconds')), 's', { threads, steps: step });
    } finally {
      await visit.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
