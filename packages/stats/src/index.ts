// @cannon/stats: one summary of errors for the libraries, the benchmarks and the CLI.
export { quantile, summarize, type Summary } from './summary.js';
