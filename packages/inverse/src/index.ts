// @cannon/inverse: the learned, verified, refined aimer on plain numbers (see ./tensor for training one).
export { aim, aimBatch, type AimOptions, type AimResult } from './aim.js';
export { aimAt, aimAtBatch, type AimAtOptions, type AimAtResult, type Target3d } from './aim3d.js';
export { aimForHit, diskProbability, hitProbability, type AimForHitOptions, type HitAim, type HitTarget, type Uncertainty } from './hit.js';
export type { AimWorld } from './aim3d-world.js';
export { benchmarkAim } from './benchmark.js';
export { aimerNetworkSpec, createAimer, type Aimer } from './aimer.js';
export { AIMER3D_FORMAT, AIMER3D_VERSION, aim3dDomain, aimer3dNetworkSpec, checkAimer3dMetadata, createAimer3d, type Aimer3d, type Aimer3dDomain, type Aimer3dMetadata, type Frame, type FramedShot } from './aimer3d.js';
export { aimerError, sampleConditions, unrefinedMisses } from './accuracy.js';
export { controlsOf } from './controls.js';
export { conditionsOf, fieldDomain, inputScalings, resolveConditions, shotColumnsOf, vacuumDomain, varyingInputs, worldOf, type AimerDomain, type Conditions, type InputField } from './conditions.js';
export { InvalidInputError, OutsideDomainError, UnreachableTargetError } from '@cannon/errors';
export { shippedAimer, shippedAimer3d, type ShippedAimerName } from './shipped.js';
export { AIMER_FORMAT, AIMER_VERSION, checkAimerMetadata, type AimerMetadata, type Decoder } from './metadata.js';
