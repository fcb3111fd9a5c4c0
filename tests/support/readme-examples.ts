import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Every ```js example of a package's README runs, as a user would run it, against the built package.
 * Call from the package's test/readme.test.ts with its import.meta.url.
 */
export function readmeExamples(testFileUrl: string, { atLeast = 1 } = {}): void {
  const testDir = dirname(fileURLToPath(testFileUrl));
  const readme = readFileSync(join(testDir, '..', 'README.md'), 'utf8');
  const examples = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]);
  // Inside the package, so that importing the package by name resolves to the package itself.
  const folder = join(testDir, '.examples');
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  describe('README examples', () => {
    it(`are there (at least ${atLeast})`, () => {
      expect(examples.length).toBeGreaterThanOrEqual(atLeast);
    });

    it.each(examples.map((code, i) => [i + 1, code.split('\n')[0], code] as const))('example %i (%s) runs', (i, _first, code) => {
      mkdirSync(folder, { recursive: true });
      const file = join(folder, `example-${i}.mjs`);
      writeFileSync(file, code);
      expect(() => execFileSync(process.execPath, [file], { encoding: 'utf8', stdio: 'pipe' })).not.toThrow();
    });
  });
}
