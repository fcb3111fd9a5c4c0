// @cannon/inverse/pool: aimBatch over worker threads, every core aiming (a subpath of its own, so that an app that
// only aims on one thread bundles no worker).
export { createAimPool, type AimAtColumns, type AimColumns, type AimPool, type AimPoolOptions, type TargetColumns, type TargetColumnsInput } from './pool.js';
