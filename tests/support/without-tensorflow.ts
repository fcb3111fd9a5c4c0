import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Runs Node with TensorFlow.js made impossible to load: any import or require of a `@tensorflow/` package
 * throws "TensorFlow.js was loaded". Code that needs no tensor engine runs as usual; code that loads tfjs,
 * even without using it, fails. For the tests of what runs without a tensor engine.
 */
export function runWithoutTensorFlow(args: string[], options: { cwd?: string; input?: string } = {}): SpawnSyncReturns<string> {
  const dir = mkdtempSync(join(tmpdir(), 'cannon-no-tfjs-'));
  try {
    const message = 'TensorFlow.js was loaded';
    // ES modules: a resolve hook. CommonJS: the resolver itself.
    writeFileSync(join(dir, 'hooks.mjs'), `export async function resolve(specifier, context, next) {\n  if (specifier.startsWith('@tensorflow/')) throw new Error(${JSON.stringify(message)} + ': ' + specifier);\n  return next(specifier, context);\n}\n`);
    writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`);
    writeFileSync(
      join(dir, 'block.cjs'),
      `const Module = require('node:module');\nconst resolve = Module._resolveFilename;\nModule._resolveFilename = function (request, ...rest) {\n  if (request.startsWith('@tensorflow/')) throw new Error(${JSON.stringify(message)} + ': ' + request);\n  return resolve.call(this, request, ...rest);\n};\n`,
    );
    return spawnSync(process.execPath, ['--require', join(dir, 'block.cjs'), '--import', pathToFileURL(join(dir, 'register.mjs')).href, ...args], {
      cwd: options.cwd,
      input: options.input,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
