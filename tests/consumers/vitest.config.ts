import { defineConfig, mergeConfig } from 'vitest/config';
import { testConfig } from '../../vitest.config.base.mjs';

// test/setup.ts packs the packages and installs them into the consumer projects once, for every test file.
export default mergeConfig(testConfig, defineConfig({ test: { globalSetup: ['test/setup.ts'], hookTimeout: 600_000, testTimeout: 300_000 } }));
