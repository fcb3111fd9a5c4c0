import { readmeExamples } from '../../../vitest.readme.js';

readmeExamples(import.meta.url);
