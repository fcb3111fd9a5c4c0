// Every ```js example on the site's pages runs in Node, as a reader would run it, against the built packages.
// (Browser examples are written as ```ts and shown, not run here: the site itself is their test.)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const pagesDir = join(here, '..', 'pages');
// Inside the site's package, so that importing a package by name resolves to the site's dependencies.
const folder = join(here, '.examples');

const examples = readdirSync(pagesDir)
  .filter((file) => file.endsWith('.md'))
  .flatMap((file) => [...readFileSync(join(pagesDir, file), 'utf8').matchAll(/```js\n([\s\S]*?)```/g)].map((match, i) => ({ page: file, index: i + 1, code: match[1] })));

describe('the examples on the pages', () => {
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('include the five-line aim on the getting-started page', () => {
    expect(examples.filter(({ page }) => page === 'getting-started.md').map(({ code }) => code.trim().split('\n').length)).toContain(5);
  });

  it.each(examples.map((example) => [`${example.page} #${example.index}`, example] as const))('%s runs', (_name, { page, index, code }) => {
    mkdirSync(folder, { recursive: true });
    const file = join(folder, `${page.replace(/\.md$/, '')}-${index}.mjs`);
    writeFileSync(file, code);
    expect(() => execFileSync(process.execPath, [file], { encoding: 'utf8', stdio: 'pipe' })).not.toThrow();
  });
});
