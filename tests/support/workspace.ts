// What the release and consumer tests share: the repository and its public packages, commands run as a
// user would run them (npm and pnpm as child processes, in an environment of their own), and tarballs read.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [field: string]: unknown;
}

export interface WorkspacePackage {
  name: string;
  /** The package's folder. */
  dir: string;
  manifest: Manifest;
}

export const dependencyFields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** Every package of the pnpm workspace at `root` (the folders its pnpm-workspace.yaml globs name). */
export function workspacePackages(root = repositoryRoot): WorkspacePackage[] {
  const workspace = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const globs = [...workspace.matchAll(/^\s+-\s+['"]?([\w./-]+)\/\*['"]?\s*$/gm)].map((match) => match[1]);
  return globs.flatMap((parent) =>
    existsSync(join(root, parent))
      ? readdirSync(join(root, parent))
          .map((name) => join(root, parent, name))
          .filter((dir) => existsSync(join(dir, 'package.json')))
          .map((dir) => {
            const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
            return { name: manifest.name, dir, manifest };
          })
      : [],
  );
}

/** What a release publishes: every workspace package that is not private, the `cannon` CLI among them. */
export function publicPackages(root = repositoryRoot): WorkspacePackage[] {
  return workspacePackages(root).filter(({ manifest }) => manifest.private !== true);
}

/**
 * The environment of a user's shell: this process's, without what pnpm, npm, turbo and vitest set for the
 * scripts they run (their npm_config_* settings, the workspace's node_modules/.bin folders on the PATH and NODE_PATH,
 * NODE_ENV=test), plus `extra`.
 */
export function userEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_|TURBO_|VITEST|NODE_ENV$|NODE_OPTIONS$|NODE_PATH$|INIT_CWD$|TEST$|MODE$|DEV$|PROD$|SSR$|BASE_URL$)/.test(key)) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => !dir.split(/[\\/]/).includes('node_modules'))
    .join(delimiter);
  return { ...env, NO_COLOR: '1', ...extra };
}

/** The pnpm this run was started with (pnpm sets npm_execpath for the scripts it runs), or pnpm 10 through npx. */
function pnpmCommand(): string[] {
  const execpath = process.env.npm_execpath;
  if (execpath && /pnpm/.test(basename(execpath)) && existsSync(execpath)) {
    return /\.[cm]?js$/.test(execpath) ? [process.execPath, execpath] : [execpath];
  }
  return ['npx', '--yes', 'pnpm@10.34.9'];
}

/**
 * A folder holding a `pnpm` command, for a PATH: tools that call pnpm by name (changesets does) find the same
 * pnpm as this run, since a user's PATH without the workspace's .bin folders may have none.
 */
export async function pnpmOnPath(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const quoted = pnpmCommand().map((part) => `'${part.replaceAll("'", "'\\''")}'`);
  await writeFile(join(dir, 'pnpm'), `#!/bin/sh\nexec ${quoted.join(' ')} "$@"\n`);
  await chmod(join(dir, 'pnpm'), 0o755);
  return dir;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Resolve with the exit status instead of rejecting when the command fails. */
  allowFailure?: boolean;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

/**
 * Runs a command to its end, asynchronously (a registry or server in this process keeps answering), and
 * rejects with its exit status and the end of its output when it fails.
 */
export function run(command: string, args: string[], { cwd, env = userEnvironment(), input, allowFailure = false }: RunOptions): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.end(input ?? '');
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0 || allowFailure) return resolvePromise({ stdout, stderr, status: code });
      const tail = (text: string) => (text.length > 6000 ? `…${text.slice(-6000)}` : text);
      reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) exited with ${code ?? signal}\n--- stdout\n${tail(stdout)}\n--- stderr\n${tail(stderr)}`));
    });
  });
}

/** pnpm, as this run's own (see pnpmCommand). */
export function pnpm(args: string[], options: RunOptions): Promise<RunResult> {
  const [command, ...prefix] = pnpmCommand();
  return run(command, [...prefix, ...args], options);
}

export interface TarballEntry {
  path: string;
  size: number;
}

/** The files of a package tarball (.tgz), with their sizes, and the text of one of them on request. */
export function readTarball(tarball: string): { entries: TarballEntry[]; text(path: string): string } {
  const tar = gunzipSync(readFileSync(tarball));
  const files = new Map<string, Buffer>();
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start: number, length: number) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const path = (prefix ? `${prefix}/` : '') + field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    if (type === '0' || type === '') files.set(path, tar.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return {
    entries: [...files].map(([path, body]) => ({ path, size: body.length })),
    text(path) {
      const body = files.get(path);
      if (body === undefined) throw new Error(`${basename(tarball)} has no ${path}`);
      return body.toString('utf8');
    },
  };
}
