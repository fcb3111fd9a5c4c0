// A real npm registry for the release test: Verdaccio, on 127.0.0.1 at a free port, its storage and config in a
// folder of the test's. @cannon/* lives there only; every other package comes through it from the usual registry.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

export interface LocalRegistry {
  /** http://127.0.0.1:<port>/ */
  url: string;
  /** A publishing user's token, for an .npmrc: `//127.0.0.1:<port>/:_authToken=<token>`. */
  token: string;
  /** The registry's process id. */
  pid: number;
  /** The package document of `name` (all its versions), or null when the registry has no such package. */
  packument(name: string): Promise<Packument | null>;
  /** What the registry has logged (warnings and errors), for a failure's message. */
  log(): string;
  /** Stops the registry and waits until its process has exited. */
  stop(): Promise<void>;
}

export interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, Record<string, unknown> & { dist: { tarball: string } }>;
}

const verdaccioBin = join(dirname(createRequire(import.meta.url).resolve('verdaccio/package.json')), 'bin', 'verdaccio');

/** A port free on 127.0.0.1 now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts Verdaccio with its storage, config and users in `dir`, proxying `upstream` for every package but @cannon/*. */
export async function startRegistry(dir: string, upstream: string): Promise<LocalRegistry> {
  await mkdir(join(dir, 'storage'), { recursive: true });
  const config = join(dir, 'config.yaml');
  await writeFile(
    config,
    [
      'storage: ./storage',
      'auth:',
      '  htpasswd:',
      '    file: ./htpasswd',
      'uplinks:',
      '  upstream:',
      `    url: ${upstream}`,
      '    timeout: 60s',
      'packages:',
      // Ours: served from here only, never looked up upstream (a @cannon package there must not stand in for ours).
      "  '@cannon/*':",
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      '    proxy: upstream',
      'max_body_size: 50mb',
      'web:',
      '  enable: false',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const child = spawn(process.execPath, [verdaccioBin, '--config', config, '--listen', `127.0.0.1:${port}`], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = () => stopProcess(child, exited);
  try {
    await waitUntilUp(url, child, () => log);
    const token = await addUser(url);
    return {
      url,
      token,
      pid: child.pid!,
      log: () => log,
      async packument(name) {
        const response = await fetch(new URL(name.replace('/', '%2f'), url));
        if (response.status === 404) return null;
        if (!response.ok) throw new Error(`GET ${name} from the local registry: HTTP ${response.status}\n${log}`);
        return (await response.json()) as Packument;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Verdaccio exited with ${child.exitCode} before it answered:\n${log()}`);
    const up = await fetch(new URL('-/ping', url)).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Verdaccio did not answer at ${url} within 60 s:\n${log()}`);
}

/** Registers a user (the htpasswd file takes new users) and returns its token, as `npm adduser` would. */
async function addUser(url: string): Promise<string> {
  const name = 'cannon-release';
  const response = await fetch(new URL(`-/user/org.couchdb.user:${name}`, url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: 'release-test-only', type: 'user', roles: [] }),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || !body.token) throw new Error(`could not add a user to the local registry: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}

async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
