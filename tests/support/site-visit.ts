// Visiting the built site in headless Chromium: one fresh page per visit, with everything a reader should never
// see recorded (console errors, page errors, failed requests, HTTP errors) and every request that would leave
// the machine, and the machine's cores emulated as `cores` in the page and in every worker it starts.
import type { Browser, CDPSession, Page } from 'playwright-core';
import { recordProblems } from './chromium.js';

export interface Visit {
  page: Page;
  /** Console errors, page errors, failed requests and HTTP errors. */
  problems: string[];
  /** Requests to anywhere but the site's own origin. */
  offsite: string[];
  close(): Promise<void>;
}

export interface VisitOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** Reported as navigator.hardwareConcurrency in the page and its workers (tfjs-backend-wasm grants half as threads). */
  cores?: number;
  reducedMotion?: 'reduce' | 'no-preference';
}

/**
 * Emulates `cores` logical cores in the page (CDP Emulation) and in every worker it starts: Emulation of
 * the page does not reach dedicated workers, so workers are attached to as they start (paused until then)
 * and given the same override.
 */
async function emulateCores(cdp: CDPSession, cores: number): Promise<void> {
  await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: cores });
  let id = 0;
  cdp.on('Target.attachedToTarget', ({ sessionId }) => {
    const send = (method: string, params: object = {}) =>
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: ++id, method, params }) }).catch(() => {});
    void send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: cores }).then(() => send('Runtime.runIfWaitingForDebugger'));
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
}

export async function visit(browser: Browser, url: string, { colorScheme = 'light', viewport = { width: 1280, height: 900 }, cores = 4, reducedMotion = 'no-preference' }: VisitOptions = {}): Promise<Visit> {
  const context = await browser.newContext({ colorScheme, viewport, reducedMotion });
  const page = await context.newPage();
  const problems: string[] = [];
  const offsite: string[] = [];
  const origin = new URL(url).origin;
  recordProblems(page, problems);
  context.on('request', (request) => {
    const requested = request.url();
    if (!requested.startsWith('data:') && !requested.startsWith('blob:') && new URL(requested).origin !== origin) offsite.push(requested);
  });
  const cdp = await context.newCDPSession(page);
  await emulateCores(cdp, cores);
  await page.goto(url);
  return { page, problems, offsite, close: () => context.close() };
}

/** The runtime badge once the backend runs: its text and what it read back from TensorFlow.js. */
export async function runtimeBadge(page: Page): Promise<{ text: string; backend: string; simd: string; threads: number; isolated: string }> {
  const badge = page.locator('.runtime-badge.ready, .runtime-badge.failed').first();
  await badge.waitFor({ timeout: 60_000 });
  return badge.evaluate((element: HTMLElement) => ({
    text: element.textContent?.trim() ?? '',
    backend: element.dataset.backend ?? '',
    simd: element.dataset.simd ?? '',
    threads: Number(element.dataset.threads),
    isolated: element.dataset.isolated ?? '',
  }));
}

/** The number of points an SVG path's "M … L …" data draws. */
export function pathPoints(d: string | null): number {
  return d ? (d.match(/[ML]/g) ?? []).length : 0;
}
