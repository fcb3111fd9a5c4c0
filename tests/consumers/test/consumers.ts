// What test/setup.ts made for the consumer tests, and what they share.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { resolveConditions, worldOf, type AimResult } from '@cannon/inverse';
import { landing } from '@cannon/physics';
import { inject } from 'vitest';
import type { Shot } from '../../support/shots.js';
import { userEnvironment } from '../../support/workspace.js';

export interface Consumers {
  /** The folder everything is made in, removed after the run. */
  work: string;
  /** The tarball of each public package, by name. */
  tarballs: Record<string, string>;
  /** A CommonJS project with @cannon/physics and @cannon/inverse and no TensorFlow.js at all. */
  plain: string;
  /** An ES module project with @cannon/physics, @cannon/inverse, @tensorflow/tfjs and @tensorflow/tfjs-backend-wasm. */
  full: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    consumers: Consumers;
  }
}

export const consumers = (): Consumers => inject('consumers');

/** Writes `files` (path → text) under `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Runs a Node script of a consumer project, as a user would, and returns what it printed as JSON. */
export function runScript<T>(project: string, script: string): T {
  const stdout = execFileSync(process.execPath, [script], { cwd: project, env: userEnvironment(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(stdout) as T;
}

/** Where the physics lands an aimed shot again, in the world of its conditions. */
export const reland = (shot: Shot & { conditions?: AimResult['conditions'] }): number | null =>
  landing({ speed: shot.speed, angle: shot.angle }, worldOf(resolveConditions(shot.conditions)))?.distance ?? null;

/** Vite's command (vite is a dev dependency of this package), for `node viteBin build` in an app's folder. */
export const viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
