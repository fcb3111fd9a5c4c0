import { checkNumber, InvalidInputError } from '@cannon/errors';
import { air, type AirConditions } from './air.js';
import { dragTables, type DragTable } from './drag.js';
import type { EarthRotation, ImpactColumns, TableDrag } from './impacts.js';
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

/** A world in three dimensions, checked and complete. */
export interface ResolvedWorld3d {
  gravity: number;
  windX: number;
  windY: number;
  launchHeight: number;
  targetHeight: number;
  /** k, 1/m; or with `tableDrag`, the form factor i. */
  drag: number;
  tableDrag?: TableDrag;
  earth?: EarthRotation;
  /** m/s over the ground, [vx, vy]: [0, 0] for a launcher that stands still. */
  launcherVelocity: readonly [number, number];
}

/** A shot, checked and complete: what the plane's model and the three-dimensional one take. */
export interface ResolvedShot extends Omit<ResolvedWorld3d, 'launcherVelocity'> {
  /** The ball's launch over the ground: the muzzle's, and the launcher's velocity with it. */
  speed: number;
  elevation: number;
  azimuth: number;
  /** The azimuth the launcher points along: `distance` and `drift` are measured along and across it. */
  lineOfFire: number;
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
  const { launcherVelocity, ...resolved } = resolveWorld3d(world);
  const [lx, ly] = launcherVelocity;
  const ball = lx === 0 && ly === 0 ? { speed, elevation, azimuth } : launchOverGround(speed, elevation, azimuth, lx, ly);
  return { ...ball, lineOfFire: azimuth, ...resolved };
}

/** Checks and completes a world in three dimensions; throws an InvalidInputError naming the first bad field. */
export function resolveWorld3d(world: World3d = {}): ResolvedWorld3d {
  if (world === null || typeof world !== 'object') throw new InvalidInputError('world', 'an object', world);
  for (const key in world) {
    if (!(worldKeys as readonly string[]).includes(key)) throw new InvalidInputError(`world.${key}`, `one of ${worldKeys.join(', ')}`, key);
  }
  const [windX, windY] = resolveWind(world.wind ?? defaultWorld.wind);
  const { drag, tableDrag } = resolveDrag(world.drag ?? defaultWorld.drag, world.air);
  const earth = world.earth === undefined ? undefined : resolveEarth(world.earth);
  const launcherVelocity = world.launcherVelocity === undefined ? ([0, 0] as const) : resolveLauncher(world.launcherVelocity);
  return {
    gravity: checkWorldField('gravity', world.gravity ?? defaultWorld.gravity),
    windX,
    windY,
    launchHeight: checkWorldField('launchHeight', world.launchHeight ?? defaultWorld.launchHeight),
    targetHeight: checkWorldField('targetHeight', world.targetHeight ?? defaultWorld.targetHeight),
    drag,
    ...(tableDrag ? { tableDrag } : {}),
    ...(earth ? { earth } : {}),
    launcherVelocity,
  };
}

/** Whether a shot stays in the plane of azimuth 0 under a constant drag: the plane's model flies it. */
export function staysInPlane(shot: ResolvedShot): boolean {
  return shot.azimuth === 0 && shot.windY === 0 && !shot.tableDrag && !shot.earth;
}

/** The plane's world of a shot (or a world) that stays in the plane. */
export function planeWorld(shot: Omit<ResolvedShot, 'speed' | 'elevation' | 'azimuth' | 'lineOfFire'>): World {
  return { gravity: shot.gravity, drag: shot.drag, wind: shot.windX, launchHeight: shot.launchHeight, targetHeight: shot.targetHeight };
}

/** A world's fields as the one-value columns `simulateImpacts` takes (the launch's columns are the caller's). */
export function worldColumns(world: Omit<ResolvedShot, 'speed' | 'elevation' | 'azimuth' | 'lineOfFire'>): Omit<ImpactColumns, 'speed' | 'elevation' | 'azimuth'> {
  const { gravity, drag, windX, windY, launchHeight, targetHeight } = world;
  return { gravity: [gravity], drag: [drag], windX: [windX], windY: [windY], launchHeight: [launchHeight], targetHeight: [targetHeight] };
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
  const { formFactor, tableDrag } = resolveBall(drag, conditions);
  return { drag: formFactor, tableDrag };
}

/**
 * Checks a ball on a drag table and the air at its muzzle; `names` are what errors call them (`landing` takes them
 * as world.drag and world.air, `impactTensor` as options.table and options.air).
 */
export function resolveBall(ball: object, conditions: unknown, names = { ball: 'world.drag', air: 'world.air' }): { formFactor: number; tableDrag: TableDrag } {
  for (const key in ball) {
    if (!(ballKeys as readonly string[]).includes(key)) throw new InvalidInputError(`${names.ball}.${key}`, `one of ${ballKeys.join(', ')}`, key);
  }
  const given = ball as BallOnTable;
  const table = typeof given.table === 'string' && (tableNames as readonly string[]).includes(given.table.toUpperCase()) ? dragTables[given.table.toUpperCase() as 'G1' | 'G7' | 'GS'] : given.table;
  if (!isDragTable(table)) throw new InvalidInputError(`${names.ball}.table`, `one of ${tableNames.join(', ')}, or a table made by dragTable`, given.table);
  const mass = checkNumber(`${names.ball}.mass`, given.mass, { min: 0, max: 1e6, minOpen: true });
  const diameter = checkNumber(`${names.ball}.diameter`, given.diameter, { min: 0, max: 10, minOpen: true });
  const formFactor = checkNumber(`${names.ball}.formFactor`, given.formFactor ?? 1, { min: 0, max: 100, minOpen: true });
  if (conditions !== undefined && (conditions === null || typeof conditions !== 'object')) throw new InvalidInputError(names.air, 'an object { altitude?, temperature?, pressure? }', conditions);
  for (const key in conditions ?? {}) {
    if (!['altitude', 'temperature', 'pressure'].includes(key)) throw new InvalidInputError(`${names.air}.${key}`, 'one of altitude, temperature, pressure', key);
  }
  const checked = (conditions ?? {}) as AirConditions;
  try {
    air(0, checked);
  } catch (error) {
    if (error instanceof InvalidInputError) throw new InvalidInputError(`${names.air}.${error.field}`, error.allowed, (checked as Record<string, unknown>)[error.field]);
    throw error;
  }
  return { formFactor, tableDrag: { table, mass, diameter, conditions: { ...checked } } };
}

function resolveLauncher(launcher: unknown): readonly [number, number] {
  const [min, max] = supportedRanges.wind;
  if (!Array.isArray(launcher) || launcher.length !== 2) throw new InvalidInputError('world.launcherVelocity', `a pair [vx, vy] of finite numbers in [${min}, ${max}] m/s`, launcher);
  return [checkNumber('world.launcherVelocity[0]', launcher[0], { min, max }), checkNumber('world.launcherVelocity[1]', launcher[1], { min, max })];
}

/** The ball's launch over the ground from a launcher moving at (lx, ly): the muzzle velocity plus the launcher's. */
export function launchOverGround(speed: number, elevation: number, azimuth: number, lx: number, ly: number): { speed: number; elevation: number; azimuth: number } {
  const horizontal = speed * Math.cos(elevation);
  const vx = horizontal * Math.cos(azimuth) + lx;
  const vy = horizontal * Math.sin(azimuth) + ly;
  const vz = speed * Math.sin(elevation);
  const across = Math.hypot(vx, vy);
  return { speed: Math.hypot(across, vz), elevation: Math.atan2(vz, across), azimuth: across > 0 ? Math.atan2(vy, vx) : azimuth };
}

/** Checks the Earth's rotation; `name` is what errors call it (`landing`'s world.earth, `impactTensor`'s options.earth). */
export function resolveEarth(earth: unknown, name = 'world.earth'): EarthRotation {
  if (earth === null || typeof earth !== 'object') throw new InvalidInputError(name, 'an object { latitude, bearing } (radians)', earth);
  for (const key in earth) {
    if (key !== 'latitude' && key !== 'bearing') throw new InvalidInputError(`${name}.${key}`, 'one of latitude, bearing', key);
  }
  const { latitude, bearing } = earth as EarthRotation;
  return {
    latitude: checkNumber(`${name}.latitude`, latitude, { min: -Math.PI / 2, max: Math.PI / 2 }),
    bearing: checkNumber(`${name}.bearing`, bearing, { min: -2 * Math.PI, max: 2 * Math.PI }),
  };
}

function isDragTable(table: unknown): table is DragTable {
  if (table === null || typeof table !== 'object') return false;
  const { mach, cd, slopes } = table as DragTable;
  return mach instanceof Float64Array && cd instanceof Float64Array && slopes instanceof Float64Array && mach.length >= 2 && cd.length === mach.length && slopes.length === mach.length;
}
