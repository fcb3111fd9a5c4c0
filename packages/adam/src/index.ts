// @cannon/adam: Adam on a flat vector of parameters, in plain JavaScript.
export { createAdam, type Adam, type AdamOptions } from './adam.js';
