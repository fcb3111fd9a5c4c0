// @cannon/stats: one summary of errors, and one shape of a measured figure, for the libraries, the benchmarks and the CLI.
export { quantile, summarize, type Summary } from './summary.js';
export { figure, printFigure, type Figure } from './figure.js';
