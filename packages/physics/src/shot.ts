import { checkNumber, InvalidInputError } from '@cannon/errors';
import { air, type AirConditions } from './air.js';
import { dragTables, type DragTable } from './drag.js';
import type { EarthRotation, TableDrag } from './impacts.js';
import { checkAngle, checkSpeed, checkWorldField, defaultWorld, supportedRanges, type Launch, type World } from './world.js';

/**
 * A shot as the one-shot functions (`landing`) take it, in three dimensions: the plane's launch and world, and
 * besides them an azimuth, a wind with a crosswind, a ball on a drag table and the air it flies through. Every
 * call that is valid in the plane stays valid and means the same.
 */

/** A launch in three dimensions: the plane's, turned by `azimuth` (radians, counterclockwise from +x seen from above). */
export interface Launch3d extends Launch {
  /** Default 0: along +x. */
  azimuth?: number;
}

/** A ball on a drag table, as a world's `drag`: the drag is ρ·i·Cd(M)·A/(2m), A = π·d²/4. */
export interface BallOnTable {
  /** 'G1', 'G7', 'GS' (the smooth sphere: a cannonball), or a table of your own (`dragTable`). */
  table: 'G1' | 'G7' | 'GS' | DragTable;
  /** kg */
  mass: number;
  /** m */
  diameter: number;
  /** The ball's drag over its table's, i (default 1). */
  formFactor?: number;
}

/** The world of a shot in three dimensions, as given; each field optional. */
export interface World3d {
  gravity?: number;
  /** m/s: along +x (a number, as in the plane), or [wx, wy] (y to the left of +x). */
  wind?: number | readonly [number, number];
  /** A constant k (1/m), or a ball on a drag table. */
  drag?: number | BallOnTable;
  launchHeight?: number;
  targetHeight?: number;
  /** With a drag table: the air at the muzzle (default: the standard atmosphere at sea level). */
  air?: AirConditions;
  /**
   * The rotating Earth, for the Coriolis acceleration: the muzzle's latitude (radians, north positive) and the
   * compass bearing of +x (radians, clockwise from north). Without it, the ground does not turn.
   */
  earth?: EarthRotation;
  /**
   * m/s: the launcher's own velocity over the ground, [vx, vy] (a robot or a turret that shoots on the move). It adds
   * to the muzzle velocity: the ball leaves at speed·(cos e·cos a, cos e·sin a, sin e) + (vx, vy, 0).
   */
  launcherVelocity?: readonly [number, number];
}

/** A shot, checked and complete: what the plane's model and the three-dimensional one take. */
export interface ResolvedShot {
  /** The ball's launch over the ground: the muzzle's, and the launcher's velocity with it. */
  speed: number;
  elevation: number;
  azimuth: number;
  /** The azimuth the launcher points along: `distance` and `drift` are measured along and across it. */
  lineOfFire: number;
  gravity: number;
  windX: number;
  windY: number;
  launchHeight: number;
  targetHeight: number;
  /** k, 1/m; or with `tableDrag`, the form factor i. */
  drag: number;
  tableDrag?: TableDrag;
  earth?: EarthRotation;
}

const worldKeys = ['gravity', 'drag', 'wind', 'launchHeight', 'targetHeight', 'air', 'earth', 'launcherVelocity'] as const;
const ballKeys = ['table', 'mass', 'diameter', 'formFactor'] as const;
const tableNames = ['G1', 'G7', 'GS'] as const;

/** Checks and completes a shot; throws an InvalidInputError naming the first bad field and what is allowed. */
export function resolveShot(launch: Launch3d, world: World3d = {}): ResolvedShot {
  if (launch === null || typeof launch !== 'object') throw new InvalidInputError('launch', 'an object { speed, angle, azimuth? }', launch);
  const speed = checkSpeed('speed', launch.speed);
  const elevation = checkAngle('angle', launch.angle);
  const azimuth = checkNumber('azimuth', launch.azimuth ?? 0, { min: -2 * Math.PI, max: 2 * Math.PI });
  if (world === null || typeof world !== 'object') throw new InvalidInputError('world', 'an object', world);
  for (const key in world) {
    if (!(worldKeys as readonly string[]).includes(key)) throw new InvalidInputError(`world.${key}`, `one of ${worldKeys.join(', ')}`, key);
  }
  const [windX, windY] = resolveWind(world.wind ?? defaultWorld.wind);
  const { drag, tableDrag } = resolveDrag(world.drag ?? defaultWorld.drag, world.air);
  const earth = world.earth === undefined ? undefined : resolveEarth(world.earth);
  const ball = world.launcherVelocity === undefined ? { speed, elevation, azimuth } : withLauncher(speed, elevation, azimuth, world.launcherVelocity);
  return {
    ...ball,
    lineOfFire: azimuth,
    gravity: checkWorldField('gravity', world.gravity ?? defaultWorld.gravity),
    windX,
    windY,
    launchHeight: checkWorldField('launchHeight', world.launchHeight ?? defaultWorld.launchHeight),
    targetHeight: checkWorldField('targetHeight', world.targetHeight ?? defaultWorld.targetHeight),
    drag,
    ...(tableDrag ? { tableDrag } : {}),
    ...(earth ? { earth } : {}),
  };
}

/** Whether a shot stays in the plane of azimuth 0 under a constant drag: the plane's model flies it. */
export function staysInPlane(shot: ResolvedShot): boolean {
  return shot.azimuth === 0 && shot.windY === 0 && !shot.tableDrag && !shot.earth;
}

/** The plane's world of a shot that stays in the plane. */
export function planeWorld(shot: ResolvedShot): World {
  return { gravity: shot.gravity, drag: shot.drag, wind: shot.windX, launchHeight: shot.launchHeight, targetHeight: shot.targetHeight };
}

function resolveWind(wind: unknown): [number, number] {
  if (typeof wind === 'number') return [checkWorldField('wind', wind), 0];
  const [min, max] = supportedRanges.wind;
  if (!Array.isArray(wind) || wind.length !== 2) throw new InvalidInputError('world.wind', `a number (along +x) or a pair [wx, wy] of finite numbers in [${min}, ${max}] m/s`, wind);
  return [checkNumber('world.wind[0]', wind[0], { min, max }), checkNumber('world.wind[1]', wind[1], { min, max })];
}

function resolveDrag(drag: unknown, conditions: AirConditions | undefined): { drag: number; tableDrag?: TableDrag } {
  if (typeof drag === 'number' || drag === null || typeof drag !== 'object') {
    if (conditions !== undefined) throw new InvalidInputError('world.air', 'given only with a drag table (world.drag = { table, mass, diameter }): a constant drag takes the air as it is', conditions);
    return { drag: checkWorldField('drag', drag) };
  }
  for (const key in drag) {
    if (!(ballKeys as readonly string[]).includes(key)) throw new InvalidInputError(`world.drag.${key}`, `one of ${ballKeys.join(', ')}`, key);
  }
  const ball = drag as BallOnTable;
  const table = typeof ball.table === 'string' && (tableNames as readonly string[]).includes(ball.table.toUpperCase()) ? dragTables[ball.table.toUpperCase() as 'G1' | 'G7' | 'GS'] : ball.table;
  if (!isDragTable(table)) throw new InvalidInputError('world.drag.table', `one of ${tableNames.join(', ')}, or a table made by dragTable`, ball.table);
  const mass = checkNumber('world.drag.mass', ball.mass, { min: 0, max: 1e6, minOpen: true });
  const diameter = checkNumber('world.drag.diameter', ball.diameter, { min: 0, max: 10, minOpen: true });
  const formFactor = checkNumber('world.drag.formFactor', ball.formFactor ?? 1, { min: 0, max: 100, minOpen: true });
  if (conditions !== undefined && (conditions === null || typeof conditions !== 'object')) throw new InvalidInputError('world.air', 'an object { altitude?, temperature?, pressure? }', conditions);
  for (const key in conditions ?? {}) {
    if (!['altitude', 'temperature', 'pressure'].includes(key)) throw new InvalidInputError(`world.air.${key}`, 'one of altitude, temperature, pressure', key);
  }
  try {
    air(0, conditions ?? {});
  } catch (error) {
    if (error instanceof InvalidInputError) throw new InvalidInputError(`world.air.${error.field}`, error.allowed, (conditions as Record<string, unknown>)[error.field]);
    throw error;
  }
  return { drag: formFactor, tableDrag: { table, mass, diameter, conditions: { ...conditions } } };
}

/** The ball's launch over the ground when the launcher moves: the muzzle velocity plus the launcher's. */
function withLauncher(speed: number, elevation: number, azimuth: number, launcher: unknown): { speed: number; elevation: number; azimuth: number } {
  const [min, max] = supportedRanges.wind;
  if (!Array.isArray(launcher) || launcher.length !== 2) throw new InvalidInputError('world.launcherVelocity', `a pair [vx, vy] of finite numbers in [${min}, ${max}] m/s`, launcher);
  const lx = checkNumber('world.launcherVelocity[0]', launcher[0], { min, max });
  const ly = checkNumber('world.launcherVelocity[1]', launcher[1], { min, max });
  if (lx === 0 && ly === 0) return { speed, elevation, azimuth };
  const horizontal = speed * Math.cos(elevation);
  const vx = horizontal * Math.cos(azimuth) + lx;
  const vy = horizontal * Math.sin(azimuth) + ly;
  const vz = speed * Math.sin(elevation);
  const across = Math.hypot(vx, vy);
  return { speed: Math.hypot(across, vz), elevation: Math.atan2(vz, across), azimuth: across > 0 ? Math.atan2(vy, vx) : azimuth };
}

function resolveEarth(earth: unknown): EarthRotation {
  if (earth === null || typeof earth !== 'object') throw new InvalidInputError('world.earth', 'an object { latitude, bearing } (radians)', earth);
  for (const key in earth) {
    if (key !== 'latitude' && key !== 'bearing') throw new InvalidInputError(`world.earth.${key}`, 'one of latitude, bearing', key);
  }
  const { latitude, bearing } = earth as EarthRotation;
  return {
    latitude: checkNumber('world.earth.latitude', latitude, { min: -Math.PI / 2, max: Math.PI / 2 }),
    bearing: checkNumber('world.earth.bearing', bearing, { min: -2 * Math.PI, max: 2 * Math.PI }),
  };
}

function isDragTable(table: unknown): table is DragTable {
  if (table === null || typeof table !== 'object') return false;
  const { mach, cd, slopes } = table as DragTable;
  return mach instanceof Float64Array && cd instanceof Float64Array && slopes instanceof Float64Array && mach.length >= 2 && cd.length === mach.length && slopes.length === mach.length;
}
