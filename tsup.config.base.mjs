// @ts-check
import { defineConfig } from 'tsup';

// Every @cannon library ships the same shape: ESM + CJS + .d.ts/.d.cts from src/index.ts.
// dependencies and peerDependencies (tfjs, sibling @cannon packages) stay external.
export const libraryConfig = defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
