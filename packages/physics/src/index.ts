// @cannon/physics: the model of the world on plain numbers, with no tensor engine (see ./tensor for TensorFlow.js).
export { defaultWorld, dragCoefficient, resolveWorld, supportedRanges, type Launch, type World } from './world.js';
export { flightPath, landing, trajectory, type FlightPath, type Landing, type PathPoint, type Trajectory, type TrajectoryPoint } from './landing.js';
export { resolveWorld3d, type BallOnTable, type Launch3d, type ResolvedWorld3d, type World3d } from './shot.js';
export { flyFromMuzzle, type MuzzleField, type MuzzleImpacts } from './muzzle.js';
export { createCrossingFlier, type CrossingFlier } from './crossing.js';
export { createImpactBatchFlier, createImpactFlier, EARTH_ROTATION_RATE, impactFields, impactRow, simulateImpacts, type FlierShots, type FlierWorld, type ImpactBatchFlier, type ImpactFlier, type ImpactFlierOptions, type EarthRotation, type ImpactColumns, type ImpactField, type Impacts, type TableDrag } from './impacts.js';
export { simulateLandings, shotColumns, shotFields, type Landings, type ShotColumns, type ShotField } from './simulate.js';
export { INSTANT_FLIGHT, MAX_STEPS, STEPS_PER_DRAG_TIME, STEPS_PER_FLIGHT } from './flight.js';
export { maximumRange, minimumSpeed, type MaximumRange, type ReachOptions } from './reach.js';
export { vacuumArcs, vacuumLanding, vacuumMaximumRange, vacuumMinimumSpeed } from './vacuum.js';
export { dragCoefficientAt, dragTable, dragTables, type DragPoint, type DragTable } from './drag.js';
export { air, airRanges, standardAtmosphere, GAS_CONSTANT, HEAT_CAPACITY_RATIO, LAPSE_RATE, SEA_LEVEL, STANDARD_GRAVITY, type Air, type AirConditions } from './air.js';
export { fire, maxShots, type FiredShot, type FireOptions } from './fire.js';
export { benchmarkLandings } from './benchmark.js';
// The errors it throws, from @cannon/errors, so that `instanceof` needs no second import.
export { InvalidInputError, NoLandingError } from '@cannon/errors';
