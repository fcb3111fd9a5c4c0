// Node-only file access. node:fs is imported when it is first used, under a name a browser bundler does not
// try to resolve, so the package bundles for the browser and never touches node:fs there.
import { ModelFileError } from '@cannon/errors';
import type { FileSource } from './sources.js';

type Fs = typeof import('node:fs/promises');
type Path = typeof import('node:path');

const FS_MODULE = 'node:fs/promises';
const PATH_MODULE = 'node:path';

export async function nodeModules(): Promise<{ fs: Fs; path: Path }> {
  const [fs, path] = await Promise.all([import(/* @vite-ignore */ FS_MODULE) as Promise<Fs>, import(/* @vite-ignore */ PATH_MODULE) as Promise<Path>]);
  return { fs, path };
}

export function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/** The files of a directory; a missing directory throws ModelFileError naming it. `kind` names what is saved there, for errors. */
export async function directorySource(directory: string, kind = 'model'): Promise<FileSource> {
  const { fs, path } = await nodeModules();
  const root = path.resolve(directory);
  const info = await fs.stat(root).catch((error) => {
    if (isMissing(error)) throw new ModelFileError(root, `is missing: there is no such directory to load a ${kind} from`);
    throw error;
  });
  if (!info.isDirectory()) throw new ModelFileError(root, `is not a directory: a saved ${kind} is a directory of model.json, weights.bin and its metadata`);
  const locate = (name: string) => path.join(root, name);
  return {
    locate,
    async read(name) {
      try {
        return new Uint8Array(await fs.readFile(locate(name)));
      } catch (error) {
        if (isMissing(error)) throw new ModelFileError(locate(name), `is missing from ${root}`);
        throw error;
      }
    },
  };
}

/**
 * Writes `files` as the directory `target`, all or nothing: into a hidden staging directory beside it
 * first (each file flushed to disk), which is then renamed over it. A save that fails or is interrupted
 * never leaves a half-written target: the previous directory stays as it was, with at worst a hidden
 * staging directory beside it (or, killed between the two renames, the previous one under a hidden name).
 */
export async function writeDirectoryAtomically(target: string, files: Record<string, Uint8Array>, saver = 'saving'): Promise<void> {
  const { fs, path } = await nodeModules();
  const root = path.resolve(target);
  const parent = path.dirname(root);
  const name = path.basename(root);
  await fs.mkdir(parent, { recursive: true });
  const existing = await fs.stat(root).catch((error) => {
    if (isMissing(error)) return null;
    throw error;
  });
  if (existing && !existing.isDirectory()) throw new ModelFileError(root, `is a file: ${saver} writes a directory there`);
  if (existing) {
    // The whole directory is replaced, so only ever replace a saved model of the same files.
    const strangers = (await fs.readdir(root)).filter((entry) => !(entry in files));
    if (strangers.length > 0) {
      throw new ModelFileError(root, `holds other files (${strangers.slice(0, 3).join(', ')}): ${saver} replaces the whole directory, so it only overwrites a saved model`);
    }
  }
  const staging = await fs.mkdtemp(path.join(parent, `.${name}.saving-`));
  try {
    for (const [file, bytes] of Object.entries(files)) {
      const handle = await fs.open(path.join(staging, file), 'w');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    if (!existing) {
      await fs.rename(staging, root);
      return;
    }
    // rename() does not replace a non-empty directory: move the old one aside, the new one in, then drop the old.
    const retired = `${staging}.replaced`;
    await fs.rename(root, retired);
    try {
      await fs.rename(staging, root);
    } catch (error) {
      await fs.rename(retired, root);
      throw error;
    }
    await fs.rm(retired, { recursive: true, force: true });
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    throw error;
  }
}
