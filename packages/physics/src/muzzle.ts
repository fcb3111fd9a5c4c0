import { simulateImpacts, type Impacts } from './impacts.js';
import { launchOverGround, worldColumns, type ResolvedWorld3d } from './shot.js';

/** What a shot is set to at the muzzle, and the target height: the inputs `flyFromMuzzle` differentiates by. */
export type MuzzleField = 'speed' | 'elevation' | 'azimuth' | 'targetHeight';

/** Where shots set at the muzzle came down, and the derivatives asked for (as `simulateImpacts` gives them). */
export type MuzzleImpacts = Pick<Impacts, 'x' | 'y' | 'flightTime'> & { partials: Partial<Impacts['partials']> };

/**
 * Flies shots of one muzzle speed at these elevations and azimuths (`simulateImpacts`, one call) in a checked world
 * (`resolveWorld3d`), with the derivatives of their impacts and flight times by the muzzle's speed, elevation and
 * azimuth, and by the target height. A moving launcher adds its velocity to the muzzle's, so the ball leaves at
 * another speed, elevation and azimuth: their derivatives are chained through that sum. `targetHeights`, when given,
 * is the target height of each shot (else the world's).
 */
export function flyFromMuzzle(world: ResolvedWorld3d, speed: number, elevations: ArrayLike<number>, azimuths: ArrayLike<number>, fields: readonly MuzzleField[], targetHeights?: ArrayLike<number>): MuzzleImpacts {
  const count = elevations.length;
  const [lx, ly] = world.launcherVelocity;
  const columns = { ...worldColumns(world), ...(targetHeights ? { targetHeight: targetHeights } : {}) };
  if (lx === 0 && ly === 0) return simulateImpacts({ speed: [speed], elevation: elevations, azimuth: azimuths, ...columns }, count, fields, world.tableDrag, world.earth);
  const ball = { speed: new Float64Array(count), elevation: new Float64Array(count), azimuth: new Float64Array(count) };
  for (let i = 0; i < count; i++) {
    const over = launchOverGround(speed, elevations[i], azimuths[i], lx, ly);
    ball.speed[i] = over.speed;
    ball.elevation[i] = over.elevation;
    ball.azimuth[i] = over.azimuth;
  }
  const byHeight = fields.includes('targetHeight');
  const impacts = simulateImpacts({ ...ball, ...columns }, count, ['speed', 'elevation', 'azimuth', ...(byHeight ? (['targetHeight'] as const) : [])], world.tableDrag, world.earth);
  const partials: MuzzleImpacts['partials'] = byHeight ? { targetHeight: impacts.partials.targetHeight } : {};
  const launched = fields.filter((field) => field !== 'targetHeight');
  for (const field of launched) partials[field] = { x: new Float64Array(count), y: new Float64Array(count), flightTime: new Float64Array(count) };
  for (let i = 0; i < count; i++) {
    const perVelocity = byBallVelocity(impacts.partials, i, ball.speed[i], ball.elevation[i], ball.azimuth[i]);
    const muzzle = muzzleVelocityPartials(speed, elevations[i], azimuths[i]);
    for (const field of launched) {
      const move = muzzle[field];
      for (const of of ['x', 'y', 'flightTime'] as const) {
        const per = perVelocity[of];
        partials[field]![of][i] = per[0] * move[0] + per[1] * move[1] + per[2] * move[2];
      }
    }
  }
  return { x: impacts.x, y: impacts.y, flightTime: impacts.flightTime, partials };
}

/** ∂(vx, vy, vz)/∂(speed, elevation, azimuth) of the muzzle velocity speed·(cos e·cos a, cos e·sin a, sin e). */
function muzzleVelocityPartials(speed: number, elevation: number, azimuth: number): Record<'speed' | 'elevation' | 'azimuth', [number, number, number]> {
  const [cosE, sinE, cosA, sinA] = [Math.cos(elevation), Math.sin(elevation), Math.cos(azimuth), Math.sin(azimuth)];
  return {
    speed: [cosE * cosA, cosE * sinA, sinE],
    elevation: [-speed * sinE * cosA, -speed * sinE * sinA, speed * cosE],
    azimuth: [-speed * cosE * sinA, speed * cosE * cosA, 0],
  };
}

/**
 * The gradients of the impact's x and y and of the flight time by the ball's velocity (vx, vy, vz), from those by its
 * speed, elevation and azimuth: ∂s/∂v = v/s, ∂e/∂v = (−vz·vx/h, −vz·vy/h, h)/s², ∂a/∂v = (−vy, vx, 0)/h², h the
 * horizontal speed.
 */
function byBallVelocity(partials: Impacts['partials'], i: number, speed: number, elevation: number, azimuth: number): Record<'x' | 'y' | 'flightTime', number[]> {
  const h = speed * Math.cos(elevation);
  const [vx, vy, vz] = [h * Math.cos(azimuth), h * Math.sin(azimuth), speed * Math.sin(elevation)];
  const perSpeed = [vx / speed, vy / speed, vz / speed];
  const perElevation = [(-vz * vx) / (h * speed * speed), (-vz * vy) / (h * speed * speed), h / (speed * speed)];
  const perAzimuth = [-vy / (h * h), vx / (h * h), 0];
  const gradient = (of: 'x' | 'y' | 'flightTime') => {
    const [s, e, a] = [partials.speed![of][i], partials.elevation![of][i], partials.azimuth![of][i]];
    return [0, 1, 2].map((k) => s * perSpeed[k] + e * perElevation[k] + a * perAzimuth[k]);
  };
  return { x: gradient('x'), y: gradient('y'), flightTime: gradient('flightTime') };
}
