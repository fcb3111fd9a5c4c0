// Every ```js example on the site's pages runs in Node, as a reader would run it, against the built packages,
// and the command-line sample on the getting-started page is what the `cannon` command prints today.
// (Browser examples are written as ```ts and shown, not run here: the site itself is their test.)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

describe('the command-line sample on the getting-started page', () => {
  const page = readFileSync(join(pagesDir, 'getting-started.md'), 'utf8');
  const sample = page.match(/```sh\nnpx --yes pnpm@[\d.]+ -s cannon (aim [^\n]*)\n```\n\n```\n([\s\S]*?)```/);

  it('is the output of today\'s cannon aim, character for character', () => {
    expect(sample, 'a ```sh block running cannon aim, then a ``` block with its output').not.toBeNull();
    const [, command, shown] = sample!;
    const manifest = createRequire(import.meta.url).resolve('@cannon/cli/package.json');
    const cli = join(dirname(manifest), (JSON.parse(readFileSync(manifest, 'utf8')) as { bin: { cannon: string } }).bin.cannon);
    const printed = execFileSync(process.execPath, [cli, ...command.split(' ')], { encoding: 'utf8' });
    expect(printed).toBe(shown);
  });
});

describe('the numbers the pages quote', () => {
  it("are today's for the shipped field aimer's unrefined miss (a retrained aimer changes them)", async () => {
    const page = readFileSync(join(pagesDir, 'differentiable-programming.md'), 'utf8');
    const quoted = page.match(/half of its shots\s+land within ([\d.]+) mm and 95% within ([\d.]+) mm/);
    expect(quoted, "the sentence quoting the field aimer's accuracy").not.toBeNull();
    const { aimerError, shippedAimer } = await import('@cannon/inverse');
    const { p50, p95 } = aimerError(shippedAimer('field'));
    expect(quoted!.slice(1)).toEqual([(p50 * 1000).toFixed(1), (p95 * 1000).toFixed(1)]);
  });
});
