// @ts-check
import { defineConfig } from 'vitest/config';

export const testConfig = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // tfjs wasm start-up, training and gradient checks are slower than the defaults, the more so while
    // turbo runs several packages' suites side by side on two cores.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
