// The packages in browser apps bundled by Vite from the installed tarballs, served with COOP/COEP on 127.0.0.1
// and opened in headless Chromium: one app aims and trains (the backend set up by @cannon/physics's README
// recipe and Vite config, verbatim), one only aims (issue 8's budget: at most 80 KB gzipped).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AimResult } from '@cannon/inverse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDirectory, skipBrowser, type BrowserPage } from '../../../tests/support/chromium.js';
import { expectOnTarget } from '../../support/shots.js';
import { repositoryRoot, run } from '../../support/workspace.js';
import { consumers, reland, viteBin, writeFiles } from './consumers.js';

/** The ```ts blocks of the section under `heading` (a `## ` line) in a package's README. */
function readmeBlocks(packageName: string, heading: string): string[] {
  const readme = readFileSync(join(repositoryRoot, 'packages', packageName, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`packages/${packageName}/README.md has no section ${heading}`);
  const end = readme.indexOf('\n## ', start + heading.length);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
}

/** Every file of a build, with its size and its gzipped size. */
function buildFiles(dist: string): { path: string; bytes: number; gzipped: number }[] {
  return readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const body = readFileSync(join(entry.parentPath, entry.name));
      return { path: relative(dist, join(entry.parentPath, entry.name)), bytes: body.length, gzipped: gzipSync(body).length };
    });
}

const viteBuild = (app: string) => run(process.execPath, [viteBin, 'build'], { cwd: app });

interface TrainingPageResult {
  ok: true;
  backend: { backend: string; simd: boolean; threads: number };
  shot: AimResult;
  losses: number[];
  trained: AimResult;
}

describe('a Vite app that aims and trains, on the wasm backend', () => {
  const app = join(consumers().full, 'apps', 'training');
  let browser: BrowserPage | undefined;
  let result: TrainingPageResult;

  beforeAll(async () => {
    const [recipe, viteConfig] = readmeBlocks('physics', '## In a bundled browser app');
    writeFiles(app, {
      'index.html': '<!doctype html>\n<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>cannon</title></head>\n<body><script type="module" src="/main.ts"></script></body></html>\n',
      'vite.config.ts': viteConfig,
      // The README's recipe first, as a user would paste it (it defines `backend`), then the page's own work.
      'main.ts': `${recipe}
import { aim } from '@cannon/inverse';
import { trainAimer } from '@cannon/inverse/tensor';

async function work() {
  const shot = aim(5, { wind: 2, drag: 0.02, heightDifference: 0.3 });
  const losses: number[] = [];
  const aimer = await trainAimer({ domain: 'vacuum', steps: 120, batchSize: 64, hiddenLayers: [8], progressEvery: 20, onProgress: ({ loss }) => void losses.push(loss) });
  return { ok: true, backend, shot, losses, trained: aim(6, {}, { aimer }) };
}

const page = window as unknown as { cannonResult?: unknown };
work().then(
  (result) => (page.cannonResult = result),
  (error: Error) => (page.cannonResult = { ok: false, error: error.stack ?? String(error) }),
);
`,
    });
    await viteBuild(app);
    if (skipBrowser) return;
    browser = await openDirectory(join(app, 'dist'));
    result = await browser.result<TrainingPageResult>('cannonResult', 120_000);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('builds with vite build, which emits the three .wasm files of the backend beside the JavaScript', () => {
    const wasm = buildFiles(join(app, 'dist')).filter(({ path }) => path.endsWith('.wasm'));
    expect(wasm.map(({ path }) => path.replace(/-[\w-]{8}\.wasm$/, '.wasm')).sort()).toEqual(
      ['assets/tfjs-backend-wasm-simd.wasm', 'assets/tfjs-backend-wasm-threaded-simd.wasm', 'assets/tfjs-backend-wasm.wasm'].sort(),
    );
  });

  describe.skipIf(skipBrowser)('in Chromium', () => {
    it('starts the wasm backend from the files the build emitted, on worker threads (the page is cross-origin isolated)', () => {
      expect(result.backend).toMatchObject({ backend: 'wasm', simd: true });
      expect(result.backend.threads).toBeGreaterThan(1);
      expect(browser!.requests.filter((path) => path.endsWith('.wasm'))).toEqual([expect.stringMatching(/^\/assets\/tfjs-backend-wasm-threaded-simd-[\w-]+\.wasm$/)]);
    });

    it('aims with the shipped aimers (the main entry)', () => {
      expectOnTarget(result.shot, 5, 0.05, reland);
    });

    it('trains a small aimer (the /tensor entry): the loss falls, and the trained aimer lands its shot', () => {
      expect(result.losses.length, JSON.stringify(result.losses)).toBeGreaterThanOrEqual(2);
      expect(result.losses.at(-1)!, JSON.stringify(result.losses)).toBeLessThan(result.losses[0]);
      expectOnTarget(result.trained, 6, 0.05, reland);
    });

    it('logs no console error, throws nothing, and fetches nothing that fails', () => {
      expect(browser!.problems).toEqual([]);
    });
  });
});

describe("a Vite app whose only code is aim(6) from '@cannon/inverse'", () => {
  const app = join(consumers().plain, 'apps', 'aim-only');
  let browser: BrowserPage | undefined;

  beforeAll(async () => {
    writeFiles(app, {
      'index.html': '<!doctype html>\n<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>aim</title></head>\n<body><pre id="shot"></pre><script type="module" src="/main.js"></script></body></html>\n',
      'main.js': "import { aim } from '@cannon/inverse';\n\ndocument.querySelector('#shot').textContent = JSON.stringify(aim(6));\n",
    });
    // Built in the project without TensorFlow.js: a bundle that reached for it would not build.
    await viteBuild(app);
    if (!skipBrowser) browser = await openDirectory(join(app, 'dist'));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('builds to at most 80 KB gzipped, every file of it counted', () => {
    const files = buildFiles(join(app, 'dist'));
    const total = files.reduce((sum, { gzipped }) => sum + gzipped, 0);
    console.log(
      `aim-only app, gzipped: ${(total / 1024).toFixed(1)} KB in all (${total} bytes)\n` +
        files.map(({ path, bytes, gzipped }) => `  ${path}: ${(bytes / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped`).join('\n'),
    );
    expect(total).toBeLessThanOrEqual(80 * 1024);
  });

  it('ships no .wasm file and no TensorFlow.js: the physics kernel is inside its JavaScript', () => {
    const files = buildFiles(join(app, 'dist'));
    expect(files.filter(({ path }) => path.endsWith('.wasm'))).toEqual([]);
    for (const { path } of files.filter(({ path }) => path.endsWith('.js'))) {
      expect(readFileSync(join(app, 'dist', path), 'utf8'), path).not.toMatch(/tensorflow|tfjs/i);
    }
  });

  it.skipIf(skipBrowser)('aims in Chromium: the page shows a shot that lands on 6 m, with no console error', async () => {
    const { page } = browser!;
    await page.waitForFunction(() => document.querySelector('#shot')?.textContent, undefined, { timeout: 30_000 }).catch((error: Error) => {
      throw new Error(`the page never showed a shot: ${error.message}${browser!.diagnostics()}`);
    });
    const shot = JSON.parse((await page.textContent('#shot'))!) as AimResult;
    expectOnTarget(shot, 6, 0.05, reland);
    expect(browser!.problems).toEqual([]);
  });
});
