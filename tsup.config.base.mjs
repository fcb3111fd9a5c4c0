// @ts-check
import { defineConfig } from 'tsup';

/**
 * Every @cannon library ships the same shape: ESM + CJS + .d.ts/.d.cts for each entry (by default only
 * src/index.ts; a package with a TensorFlow.js side adds `tensor`). Code the entries share is split into
 * shared chunks in both formats, so that a class such as InvalidInputError exists once per format.
 * dependencies and peerDependencies (tfjs, sibling @cannon packages) stay external.
 * @param {Record<string, string>} [entry]
 */
export const libraryConfig = (entry = { index: 'src/index.ts' }) =>
  defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: true,
    target: 'es2022',
  });
