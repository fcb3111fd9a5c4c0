// @cannon/random: a seeded source of random numbers, the same sequence for the same seed everywhere.
export { createRandom, type Random } from './random.js';
