// Once per run, before the consumer tests: every public package packed into a tarball, as `npm publish` would
// upload it, and two projects that install them with plain npm, as users would. The tests share them.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { pnpm, publicPackages, run, userEnvironment } from '../../support/workspace.js';
import type { Consumers } from './consumers.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const work = await mkdtemp(join(tmpdir(), 'cannon-consumers-'));
  const started = performance.now();
  try {
    const tarballs = await packPublicPackages(join(work, 'tarballs'));
    const packed = performance.now();
    // Aiming needs no tensor engine: this project has none (CommonJS, require). The other has TensorFlow.js
    // (ES modules, import) for training, the TypeScript checks and the browser app that trains.
    const [plain, full] = await Promise.all([
      installProject(join(work, 'plain'), 'commonjs', tarballs, []),
      installProject(join(work, 'full'), 'module', tarballs, ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm']),
    ]);
    const installed = performance.now();
    const consumers: Consumers = { work, tarballs, plain, full };
    project.provide('consumers', consumers);
    console.log(`consumer set-up: packed in ${((packed - started) / 1000).toFixed(1)} s, installed in ${((installed - packed) / 1000).toFixed(1)} s`);
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw error;
  }
  return () => rm(work, { recursive: true, force: true });
}

/** `pnpm pack` of each public package into `destination`; the tarball of each package by name. */
async function packPublicPackages(destination: string): Promise<Record<string, string>> {
  await mkdir(destination, { recursive: true });
  const packed = await Promise.all(
    publicPackages().map(async ({ name, dir }) => {
      const { stdout } = await pnpm(['pack', '--json', '--pack-destination', destination], { cwd: dir });
      return [name, (JSON.parse(stdout) as { filename: string }).filename] as const;
    }),
  );
  return Object.fromEntries(packed);
}

/**
 * A project of `type` ('module' or 'commonjs') that depends on @cannon/physics and @cannon/inverse from their
 * tarballs, with `overrides` so that every @cannon package they depend on comes from its tarball too, and on
 * `thirdParty` packages from the registry, installed by `npm install` as a user would.
 */
async function installProject(dir: string, type: 'module' | 'commonjs', tarballs: Record<string, string>, thirdParty: string[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  const fromTarball = (name: string) => `file:${tarballs[name]}`;
  const manifest = {
    name: `cannon-consumer-${type}`,
    version: '1.0.0',
    private: true,
    type,
    dependencies: { '@cannon/inverse': fromTarball('@cannon/inverse'), '@cannon/physics': fromTarball('@cannon/physics') },
    overrides: Object.fromEntries(Object.keys(tarballs).map((name) => [name, fromTarball(name)])),
  };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await run('npm', ['install', '--no-audit', '--no-fund', ...thirdParty], { cwd: dir, env: userEnvironment() });
  return dir;
}
