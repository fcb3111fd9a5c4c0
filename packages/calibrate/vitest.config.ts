import { testConfig } from '../../vitest.config.base.mjs';

export default testConfig;
