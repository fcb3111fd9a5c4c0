import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

describe('the package in a browser bundle', () => {
  it('bundles for the browser with esbuild, and node:fs is never imported at the top level', async () => {
    const result = await build({
      stdin: { contents: "export * from './src/index.ts';", resolveDir: join(here, '..'), loader: 'ts' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      // The peer dependencies stay external, as in an app that has them already.
      external: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'],
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0].text;
    expect(code).not.toMatch(/^import .*node:/m);
    expect(code).not.toMatch(/require\(["']node:/);
  });
});
