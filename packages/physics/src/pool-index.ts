// @cannon/physics/pool: simulateLandings over worker threads, every core landing shots (a subpath of its own, so
// that an app that lands on one thread bundles no worker).
export { createLandingPool, type LandingPool, type LandingPoolOptions } from './pool.js';
