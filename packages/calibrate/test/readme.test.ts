import { readmeExamples } from '../../../tests/support/readme-examples.js';

readmeExamples(import.meta.url);
