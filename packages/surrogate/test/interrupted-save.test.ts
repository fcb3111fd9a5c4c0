import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { initializeBackend } from '@cannon/physics/tensor';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadSurrogate, saveSurrogate, type Surrogate } from '../src/index.js';
import { predictions, trainSmall } from './helpers.js';

// Saves are interrupted by making one file-system call fail at the chosen step.
const failing: { open: string; rename: RegExp | null } = { open: '', rename: null };
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    open: async (file: string, ...rest: [string]) => {
      if (failing.open && file.endsWith(failing.open)) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      return actual.open(file, ...rest);
    },
    rename: async (from: string, to: string) => {
      if (failing.rename?.test(basename(from))) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
      return actual.rename(from, to);
    },
  };
});

let previous: Surrogate;
let next: Surrogate;
let scratch: string;

beforeAll(async () => {
  await initializeBackend();
  previous = await trainSmall({ seed: 21 });
  next = await trainSmall({ seed: 22 });
  scratch = await fs.mkdtemp(join(tmpdir(), 'cannon-surrogate-interrupted-'));
});

afterAll(async () => {
  previous.dispose();
  next.dispose();
  await fs.rm(scratch, { recursive: true, force: true });
});

describe('an interrupted save', () => {
  it('that fails while writing weights.bin leaves the previous model intact and loadable', async () => {
    const directory = join(scratch, 'while-writing');
    await saveSurrogate(previous, directory);
    failing.open = 'weights.bin';
    await expect(saveSurrogate(next, directory)).rejects.toThrow(/ENOSPC/);
    failing.open = '';
    const loaded = await loadSurrogate(directory);
    expect(predictions(loaded)).toEqual(predictions(previous));
    loaded.dispose();
    expect(await fs.readdir(scratch)).toEqual(['while-writing']);
  });

  it('that fails while renaming the new files into place leaves the previous model intact and loadable', async () => {
    const directory = join(scratch, 'while-renaming');
    await saveSurrogate(previous, directory);
    // The staging directory's move into place (not the previous directory's move back).
    failing.rename = /\.saving-[\w-]+$/;
    await expect(saveSurrogate(next, directory)).rejects.toThrow(/EIO/);
    failing.rename = null;
    const loaded = await loadSurrogate(directory);
    expect(predictions(loaded)).toEqual(predictions(previous));
    loaded.dispose();
    expect((await fs.readdir(scratch)).filter((entry) => entry.includes('while-renaming'))).toEqual(['while-renaming']);
  });

  it('that fails before there was a previous model leaves nothing that loads', async () => {
    const directory = join(scratch, 'first-save');
    // The staging directory's move into place (not the previous directory's move back).
    failing.rename = /\.saving-[\w-]+$/;
    await expect(saveSurrogate(next, directory)).rejects.toThrow(/EIO/);
    failing.rename = null;
    await expect(loadSurrogate(directory)).rejects.toThrow(/first-save is missing/);
  });

  it('that was killed half-way leaves only a hidden staging directory beside the previous model, which loads', async () => {
    const directory = join(scratch, 'killed');
    await saveSurrogate(previous, directory);
    // What a killed process leaves: a staging directory with a half-written weights.bin.
    const staging = join(scratch, '.killed.saving-abc123');
    await fs.mkdir(staging);
    await fs.writeFile(join(staging, 'model.json'), await fs.readFile(join(directory, 'model.json')));
    await fs.writeFile(join(staging, 'weights.bin'), new Uint8Array(10));
    const loaded = await loadSurrogate(directory);
    expect(predictions(loaded)).toEqual(predictions(previous));
    loaded.dispose();
    await expect(loadSurrogate(staging)).rejects.toThrow(/weights\.bin is truncated/);
  });
});
