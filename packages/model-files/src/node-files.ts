// Node-only file access. node:fs is imported when it is first used, under a name a browser bundler does not
// try to resolve, so the package bundles for the browser and never touches node:fs there.
import { InvalidInputError, ModelFileError } from '@cannon/errors';
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

function checkPath(field: string, value: unknown): void {
  if (typeof value !== 'string' || value === '' || value.includes('\0')) throw new InvalidInputError(field, 'a path (a non-empty string)', value);
}

/** What each file-system error means for the path it names, in words. */
const MEANINGS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'is on a read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EISDIR: 'is a directory where a file was expected',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'it exists and is not a directory',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  EIO: 'an input/output error',
};

/** A file-system error as a ModelFileError naming the path and what went wrong; other errors pass through. */
export function fileError(error: unknown, what: string, fallbackPath: string): unknown {
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  if (typeof code !== 'string' || error instanceof ModelFileError) return error;
  const meaning = MEANINGS[code] ?? (error as Error).message;
  return new ModelFileError(path ?? fallbackPath, `cannot be ${what}: ${meaning} (${code})`);
}

/** The files of a directory; a missing directory throws ModelFileError naming it. `kind` names what is saved there, for errors. */
export async function directorySource(directory: string, kind = 'model'): Promise<FileSource> {
  checkPath('directory', directory);
  const { fs, path } = await nodeModules();
  const root = path.resolve(directory);
  const look = () => fs.stat(root).catch((error) => (isMissing(error) ? null : Promise.reject(fileError(error, 'read', root))));
  // A save killed between its two renames left the model beside its place: put it back first.
  let info = await look();
  if (!info && (await recoverInterruptedSave(root))) info = await look();
  if (!info) throw new ModelFileError(root, `is missing: there is no such directory to load a ${kind} from`);
  if (!info.isDirectory()) throw new ModelFileError(root, `is not a directory: a saved ${kind} is a directory of model.json, weights.bin and its metadata`);
  const locate = (name: string) => path.join(root, name);
  return {
    locate,
    async read(name) {
      try {
        return new Uint8Array(await fs.readFile(locate(name)));
      } catch (error) {
        if (isMissing(error)) throw new ModelFileError(locate(name), `is missing from ${root}`);
        throw fileError(error, 'read', locate(name));
      }
    },
  };
}

const STAGING = '.saving-';
const RETIRED = '.replaced';
/** A load leaves alone a staging directory younger than this: another process may be writing it. */
const ABANDONED_MS = 60 * 60 * 1000;

/** The saves under way in this process, by directory: one at a time per directory. */
const saving = new Map<string, Promise<unknown>>();

/**
 * Writes `files` as the directory `target`, all or nothing, so that after a crash or a kill at any moment the
 * path holds the previous model or the new one, whole:
 *
 * 1. the files are written into a hidden staging directory beside the target, each flushed to disk;
 * 2. a new target is renamed into place; an existing one is first renamed aside to `<staging>.replaced`,
 *    then the staging directory is renamed in, and the old one removed.
 *
 * A save killed between those two renames leaves no target but both directories beside it; the next save or
 * load (`recoverInterruptedSave`) finishes the swap: the complete staging directory is renamed in (or, when
 * it is gone, the old model back), and a leftover `.replaced` is removed. Saves to one directory from one
 * process run one after another; one from another process at the same moment fails with a ModelFileError.
 * Directories and files get the modes of any file the user creates (the umask applies).
 */
export async function writeDirectoryAtomically(target: string, files: Record<string, Uint8Array>, saver = 'saving'): Promise<void> {
  checkPath('target', target);
  const names = files !== null && typeof files === 'object' && !Array.isArray(files) ? Object.keys(files) : [];
  const ok = names.length > 0 && names.every((name) => /^[\w.-]+$/.test(name) && name !== '.' && name !== '..' && files[name] instanceof Uint8Array);
  if (!ok) throw new InvalidInputError('files', 'an object of at least one file name (letters, digits, . _ -) to its bytes (a Uint8Array)', files);
  const { path } = await nodeModules();
  const root = path.resolve(target);
  const previous = saving.get(root) ?? Promise.resolve();
  const save = previous.catch(() => undefined).then(() => writeNow(root, files, saver));
  saving.set(root, save);
  try {
    await save;
  } finally {
    if (saving.get(root) === save) saving.delete(root);
  }
}

async function writeNow(root: string, files: Record<string, Uint8Array>, saver: string): Promise<void> {
  const { fs, path } = await nodeModules();
  const parent = path.dirname(root);
  const name = path.basename(root);
  await fs.mkdir(parent, { recursive: true }).catch((error) => Promise.reject(fileError(error, 'created', parent)));
  await recoverInterruptedSave(root, { abandonedAfterSeconds: 0 });
  const existing = await fs.stat(root).catch((error) => (isMissing(error) ? null : Promise.reject(fileError(error, 'written', root))));
  if (existing && !existing.isDirectory()) throw new ModelFileError(root, `is a file: ${saver} writes a directory there`);
  if (existing) {
    // The whole directory is replaced, so only ever replace a saved model of the same files.
    const entries = await fs.readdir(root).catch((error) => Promise.reject(fileError(error, 'read', root)));
    const strangers = entries.filter((entry) => !(entry in files));
    if (strangers.length > 0) {
      throw new ModelFileError(root, `holds other files (${strangers.slice(0, 3).join(', ')}): ${saver} replaces the whole directory, so it only overwrites a saved model`);
    }
  }
  const staging = path.join(parent, `.${name}${STAGING}${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`);
  await fs.mkdir(staging).catch((error) => Promise.reject(fileError(error, 'written', parent)));
  const concurrent = (error: unknown) =>
    ['ENOENT', 'EEXIST', 'ENOTEMPTY'].includes((error as NodeJS.ErrnoException)?.code ?? '')
      ? new ModelFileError(root, `changed while ${saver} was writing it (another save to the same directory at the same time?); nothing was replaced, save again`)
      : fileError(error, 'written', root);
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
      await fs.rename(staging, root).catch((error) => Promise.reject(concurrent(error)));
    } else {
      // rename() does not replace a non-empty directory: move the old one aside, the new one in, then drop the old.
      const retired = `${staging}${RETIRED}`;
      await fs.rename(root, retired).catch((error) => Promise.reject(concurrent(error)));
      try {
        await fs.rename(staging, root);
      } catch (error) {
        await fs.rename(retired, root).catch(() => undefined);
        throw concurrent(error);
      }
      await fs.rm(retired, { recursive: true, force: true });
    }
    await syncDirectory(parent);
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    throw fileError(error, 'written', root);
  }
}

/**
 * Finishes a save of `target` that was killed partway, if any: when the target is missing and a replaced model
 * lies beside it, the complete staging directory of that save is renamed in (or the old model back, when the
 * staging directory is gone); a `.replaced` left beside an existing target is removed, and so are staging
 * directories older than `abandonedAfterSeconds` (default an hour; a save passes 0: a save of the same
 * directory from another process at that moment then fails). Returns whether it put a model back in place.
 */
export async function recoverInterruptedSave(target: string, { abandonedAfterSeconds = ABANDONED_MS / 1000 } = {}): Promise<boolean> {
  checkPath('target', target);
  const { fs, path } = await nodeModules();
  const root = path.resolve(target);
  const parent = path.dirname(root);
  const prefix = `.${path.basename(root)}${STAGING}`;
  const siblings = await fs.readdir(parent).catch(() => [] as string[]);
  const ours = siblings.filter((entry) => entry.startsWith(prefix));
  if (ours.length === 0) return false;
  let restored = false;
  const exists = (p: string) => fs.stat(p).then(() => true, () => false);
  for (const entry of ours.filter((e) => e.endsWith(RETIRED))) {
    const retired = path.join(parent, entry);
    const staging = retired.slice(0, -RETIRED.length);
    if (!(await exists(root))) {
      // The staging directory was complete when the old model was moved aside: it is the newer model.
      const newer = await exists(staging);
      await fs.rename(newer ? staging : retired, root);
      restored = true;
    }
    await fs.rm(retired, { recursive: true, force: true });
  }
  for (const entry of ours.filter((e) => !e.endsWith(RETIRED))) {
    const staging = path.join(parent, entry);
    const info = await fs.stat(staging).catch(() => null);
    if (info && Date.now() - info.mtimeMs >= abandonedAfterSeconds * 1000) await fs.rm(staging, { recursive: true, force: true });
  }
  if (restored) await syncDirectory(parent);
  return restored;
}

/** Flushes a directory's entries (the renames in it) to disk, where the platform allows it. */
async function syncDirectory(directory: string): Promise<void> {
  const { fs } = await nodeModules();
  const handle = await fs.open(directory, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}
