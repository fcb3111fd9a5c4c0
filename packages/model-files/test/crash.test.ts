// Saving survives a kill at any moment: a child process saves over a model and kills itself (SIGKILL) before
// or after each of its file-system calls in turn; after each kill the directory loads the old model or the new
// one, whole, and the next save leaves nothing else beside it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { directorySource, writeDirectoryAtomically } from '../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'model-files-crash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const child = fileURLToPath(new URL('./fixtures/save-and-die.mjs', import.meta.url));
const bytes = (value: string) => new TextEncoder().encode(value);
const files = (text: string) => ({ 'model.json': bytes(text), 'weights.bin': bytes(`${text} weights`), 'widget.json': bytes(`${text} metadata`) });

/** The model a directory loads as: the text all three files agree on (a mixed directory fails). */
async function loaded(directory: string): Promise<string> {
  const source = await directorySource(directory, 'widget');
  const decode = async (name: string) => new TextDecoder().decode(await source.read(name));
  const text = await decode('model.json');
  expect([await decode('weights.bin'), await decode('widget.json')]).toEqual([`${text} weights`, `${text} metadata`]);
  return text;
}

describe('a save killed at any moment', () => {
  for (const when of ['before', 'after'] as const) {
    it(`leaves the old model or the new one, whole, killed ${when} each file-system call of the save`, async () => {
      const seen = new Set<string>();
      let finished = false;
      for (let at = 1; at <= 60 && !finished; at++) {
        const parent = join(root, `${when}-${at}`);
        const directory = join(parent, 'model');
        await writeDirectoryAtomically(directory, files('old'));
        const run = spawnSync(process.execPath, [child, directory, 'new', String(at), when], { encoding: 'utf8' });
        finished = run.stdout.includes('saved');
        if (!finished) expect(run.signal, run.stderr).toBe('SIGKILL');
        const text = await loaded(directory);
        expect(['old', 'new']).toContain(text);
        seen.add(text);
        await writeDirectoryAtomically(directory, files('next'));
        expect(await loaded(directory)).toBe('next');
        expect(readdirSync(parent)).toEqual(['model']);
      }
      // The kills came at every step of a whole save, and some left each model.
      expect(finished).toBe(true);
      expect([...seen].sort()).toEqual(['new', 'old']);
    });
  }
});

describe('saves', () => {
  it('to one directory at the same moment run one after another: the last one is kept, nothing is left beside it', async () => {
    const parent = join(root, 'concurrent');
    const directory = join(parent, 'model');
    await Promise.all(Array.from({ length: 6 }, (_, i) => writeDirectoryAtomically(directory, files(`save ${i}`))));
    expect(await loaded(directory)).toBe('save 5');
    expect(readdirSync(parent)).toEqual(['model']);
  });

  it('are readable by others as any file the user saves: the umask applies, not 0700', async () => {
    const directory = join(root, 'modes', 'model');
    await writeDirectoryAtomically(directory, files('shared'));
    const umask = process.umask();
    expect(statSync(directory).mode & 0o777).toBe(0o777 & ~umask);
    expect(statSync(join(directory, 'model.json')).mode & 0o777).toBe(0o666 & ~umask);
  });

  it('name the path and what is wrong when the file system refuses', async () => {
    const blocker = join(root, 'blocker');
    await writeDirectoryAtomically(join(blocker, 'model'), files('a'));
    const underAFile = join(blocker, 'model', 'model.json', 'inside');
    await expect(writeDirectoryAtomically(underAFile, files('b'))).rejects.toThrow(/model\.json cannot be created: it exists and is not a directory \(EEXIST\)/);
    const asFile = join(blocker, 'model', 'model.json');
    await expect(directorySource(asFile)).rejects.toThrow(/model\.json is not a directory/);
  });
});
