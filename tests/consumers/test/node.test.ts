// The packages in Node projects, installed from their tarballs with npm: a CommonJS project that aims with no
// TensorFlow.js installed at all, and an ES module project that aims and trains with it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AimResult } from '@cannon/inverse';
import { describe, expect, it } from 'vitest';
import { expectOnTarget } from '../../support/shots.js';
import { consumers, reland, runScript, writeFiles } from './consumers.js';

describe('a CommonJS project without TensorFlow.js', () => {
  const { plain } = consumers();

  it('has no @tensorflow package installed: the packages ask for it only as an optional peer', () => {
    expect(existsSync(join(plain, 'node_modules', '@tensorflow'))).toBe(false);
  });

  it('aims with require() and the shipped aimers', () => {
    writeFiles(plain, {
      'aim.js': [
        "const { aim } = require('@cannon/inverse');",
        '',
        'console.log(JSON.stringify([aim(6.5), aim(5, { wind: 2, drag: 0.02, heightDifference: 0.3 })]));',
        '',
      ].join('\n'),
    });
    const [calm, field] = runScript<AimResult[]>(plain, 'aim.js');
    expect(calm.aimer).toBe('vacuum');
    expectOnTarget(calm, 6.5, 0.05, reland);
    expect(field.aimer).toBe('field');
    expectOnTarget(field, 5, 0.05, reland);
  });

  it('fails to load @cannon/inverse/tensor with a message naming the missing @tensorflow/tfjs', () => {
    writeFiles(plain, {
      'train.js': [
        'try {',
        "  require('@cannon/inverse/tensor');",
        '  console.log(JSON.stringify({ loaded: true }));',
        '} catch (error) {',
        '  console.log(JSON.stringify({ loaded: false, message: error.message }));',
        '}',
        '',
      ].join('\n'),
    });
    const outcome = runScript<{ loaded: boolean; message?: string }>(plain, 'train.js');
    expect(outcome.loaded).toBe(false);
    expect(outcome.message).toContain('@tensorflow/tfjs');
  });
});

describe('an ES module project with TensorFlow.js', () => {
  const { full } = consumers();

  it('aims with import and the shipped aimers', () => {
    writeFiles(full, {
      'aim.js': [
        "import { aim } from '@cannon/inverse';",
        '',
        'console.log(JSON.stringify([aim(6.5), aim(5, { wind: -3, drag: 0.04, heightDifference: -0.5 })]));',
        '',
      ].join('\n'),
    });
    const [calm, field] = runScript<AimResult[]>(full, 'aim.js');
    expectOnTarget(calm, 6.5, 0.05, reland);
    expectOnTarget(field, 5, 0.05, reland);
  });

  it('trains a tiny aimer with @cannon/inverse/tensor on the wasm backend, as the README shows, and aims with it', () => {
    writeFiles(full, {
      'train.js': [
        "import { initializeBackend } from '@cannon/physics/tensor';",
        "import { aim } from '@cannon/inverse';",
        "import { trainAimer } from '@cannon/inverse/tensor';",
        '',
        'const backend = await initializeBackend();',
        'const losses = [];',
        "const aimer = await trainAimer({ domain: 'vacuum', steps: 200, batchSize: 64, hiddenLayers: [8], progressEvery: 50, onProgress: ({ loss }) => void losses.push(loss) });",
        'console.log(JSON.stringify({ backend, losses, shot: aim(6, {}, { aimer }) }));',
        '',
      ].join('\n'),
    });
    const { backend, losses, shot } = runScript<{ backend: { backend: string }; losses: number[]; shot: AimResult }>(full, 'train.js');
    expect(backend.backend).toBe('wasm');
    expect(losses.length).toBeGreaterThanOrEqual(2);
    expect(losses.at(-1)!, JSON.stringify(losses)).toBeLessThan(losses[0]);
    expectOnTarget(shot, 6, 0.05, reland);
  });
});
