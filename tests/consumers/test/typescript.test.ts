// The published types, as TypeScript users meet them: one consumer, main and /tensor entries of
// @cannon/physics and @cannon/inverse, typechecked under each module resolution a project may use.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../support/workspace.js';
import { consumers, writeFiles } from './consumers.js';

const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');

// Uses each entry's values and types; the @ts-expect-error lines fail the check if the types were `any`.
const consumer = `import { aim, shippedAimer, type Aimer, type AimResult } from '@cannon/inverse';
import { trainAimer, type TrainAimerOptions } from '@cannon/inverse/tensor';
import { landing, type World } from '@cannon/physics';
import { initializeBackend, type BackendInfo } from '@cannon/physics/tensor';

const world: Partial<World> = { drag: 0.02 };
const shot: AimResult = aim(6.5, { drag: world.drag });
export const distance: number | undefined = landing({ speed: shot.speed, angle: shot.angle }, world)?.distance;
export const field: Aimer = shippedAimer('field');

export async function trainAndAim(options: TrainAimerOptions = { domain: 'vacuum', steps: 10 }): Promise<AimResult> {
  const backend: BackendInfo = await initializeBackend({ backend: 'wasm' });
  const aimer: Aimer = await trainAimer({ ...options, name: \`trained on \${backend.backend}\` });
  return aim(5, {}, { aimer });
}

// @ts-expect-error: a target is a number of metres
aim('6.5');
// @ts-expect-error: no such shipped aimer
shippedAimer('moon');
`;

/**
 * A tsconfig of the consumer project, strict. `checkDeclarations` checks the packages' declaration files too
 * (no skipLibCheck), which takes seconds: once for the .d.ts files (node16, ES modules) and once for the .d.cts
 * files (node16, CommonJS); bundler and node10 resolve to the same .d.ts files.
 */
const tsconfig = (compilerOptions: Record<string, string>, file: string, { checkDeclarations = false } = {}) =>
  JSON.stringify({ compilerOptions: { target: 'es2022', lib: ['es2022', 'dom'], strict: true, noEmit: true, skipLibCheck: !checkDeclarations, ...compilerOptions }, files: [file] }, null, 2);

describe('a TypeScript project (strict) typechecks against the published types', () => {
  const { full } = consumers();

  beforeAll(() => {
    // The project is "type": "module": .ts files are ES modules under node16, .cts files CommonJS.
    writeFiles(join(full, 'typescript'), {
      'consumer.ts': consumer,
      'consumer.cts': consumer,
      'tsconfig.node16.json': tsconfig({ module: 'node16', moduleResolution: 'node16' }, 'consumer.ts', { checkDeclarations: true }),
      'tsconfig.bundler.json': tsconfig({ module: 'esnext', moduleResolution: 'bundler' }, 'consumer.ts'),
      'tsconfig.node16-cjs.json': tsconfig({ module: 'node16', moduleResolution: 'node16' }, 'consumer.cts', { checkDeclarations: true }),
      'tsconfig.node10.json': tsconfig({ module: 'commonjs', moduleResolution: 'node10' }, 'consumer.ts'),
    });
  });

  // TensorFlow.js 4.22's own declarations (tfjs-layers) have errors under strict: a strict project that imports
  // it needs skipLibCheck, as the physics README says. Ours and the consumer's must have none.
  const check = async (config: string) => {
    const { stdout } = await run(process.execPath, [tsc, '-p', config, '--pretty', 'false'], { cwd: join(full, 'typescript'), allowFailure: true });
    const errors = stdout.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(errors.filter((line) => !line.startsWith('../node_modules/@tensorflow/'))).toEqual([]);
  };

  it('as an ES module under moduleResolution node16', () => check('tsconfig.node16.json'));
  it('as an ES module under moduleResolution bundler', () => check('tsconfig.bundler.json'));
  it('as a CommonJS module (.cts) under moduleResolution node16', () => check('tsconfig.node16-cjs.json'));
  it('under the legacy node10 resolution of module commonjs, which ignores exports: /tensor through typesVersions', () => check('tsconfig.node10.json'));
});
