import { descentThrough, hermite, hermiteSlope, hermiteWeights } from './impact.js';
import { DIRECTIONS, directionFlags, DRAG, GRAVITY, rk4Step, startState, STATE_SIZE, STEP, WIND, type DirectionKind } from './rk4.js';

/**
 * The discrete model of a shot: RK4 from the muzzle with a step of 1/STEPS_PER_FLIGHT of the vacuum flight
 * time (so every shot takes about the same number of steps, whatever its length), stopped where the path
 * descends through the target height. Drag can make a flight longer than in vacuum; it then simply takes
 * more steps.
 */
export const STEPS_PER_FLIGHT = 32;

/** The step budget: a flight longer than this many vacuum flight times is a model error, not a result. */
const MAX_FLIGHTS = 1000;

/**
 * Flies one shot at a time, reusing its memory, differentiated along up to three directions. After `fly`:
 * `landed`, and if it did, `distance`, `flightTime`, the distance's tangent along each direction at fixed
 * heights (`distanceTangents`) and ∂distance/∂targetHeight through the impact point alone
 * (`distancePerTargetHeight`; the launch height's is its negative).
 */
export class Flight {
  readonly kinds: readonly DirectionKind[];
  private readonly flags: Float64Array;
  private readonly withTangents: boolean;
  private readonly state = new Float64Array(STATE_SIZE);
  private readonly previous = new Float64Array(STATE_SIZE);
  private readonly parameters = new Float64Array(4);
  private readonly weights = new Float64Array(4);
  landed = false;
  distance = NaN;
  flightTime = NaN;
  distancePerTargetHeight = 0;
  readonly distanceTangents = new Float64Array(DIRECTIONS);

  constructor(kinds: readonly DirectionKind[] = []) {
    this.kinds = kinds;
    this.flags = directionFlags(kinds);
    this.withTangents = kinds.length > 0;
  }

  /** Flies one shot with step dt (> 0). `nodes`, when given, receives [t, x, y, vx, vy] at every step. */
  fly(vx: number, vy: number, launchHeight: number, targetHeight: number, dt: number, gravity: number, drag: number, wind: number, nodes?: number[]): boolean {
    const { state, previous, parameters, flags, withTangents } = this;
    parameters[STEP] = dt;
    parameters[GRAVITY] = gravity;
    parameters[DRAG] = drag;
    parameters[WIND] = wind;
    startState(state, this.kinds, vx, vy, launchHeight);
    if (nodes) nodes.push(0, 0, launchHeight, vx, vy);
    for (let step = 0; step < MAX_FLIGHTS * STEPS_PER_FLIGHT; step++) {
      for (let i = 0; i < STATE_SIZE; i++) previous[i] = state[i];
      rk4Step(state, parameters, flags, withTangents);
      if (nodes) nodes.push((step + 1) * dt, state[0], state[1], state[2], state[3]);
      const y = state[1];
      // Cheap test first: below the target height now, and above it or rising before.
      if (y < targetHeight && (previous[1] >= targetHeight || previous[3] > 0)) {
        const theta = descentThrough(targetHeight, previous[1], previous[3], y, state[3], dt);
        if (theta >= 0) {
          this.impact(step, theta, dt);
          return this.landed;
        }
      }
      // Past the apex the ball only goes down: below the target height, it never comes back up to it.
      if (state[3] <= 0 && y < targetHeight) return this.noLanding();
    }
    throw new Error(`the shot did not land within ${MAX_FLIGHTS} vacuum flight times (is the drag ${drag} 1/m too large?)`);
  }

  /** Settles the shot as landed at the muzzle: it is at the target height and not rising. */
  landAtMuzzle(): boolean {
    return this.settle(true, 0, 0, 0);
  }

  /** Settles the shot as never descending through the target height. */
  noLanding(): boolean {
    return this.settle(false, NaN, NaN, 0);
  }

  private settle(landed: boolean, distance: number, flightTime: number, perHeight: number): boolean {
    this.landed = landed;
    this.distance = distance;
    this.flightTime = flightTime;
    this.distancePerTargetHeight = perHeight;
    this.distanceTangents.fill(0);
    return landed;
  }

  /**
   * The landing inside the last step, at fraction θ of it, on the Hermite cubic of the step's end states.
   * Implicit function at impact: Y(θ) = h, so δθ = −δY/Y′(θ), and the distance moves by δX + X′(θ)·δθ.
   */
  private impact(step: number, theta: number, dt: number): void {
    const { previous: s0, state: s1, weights: w } = this;
    const xPerY = hermiteSlope(s0[0], s0[2], s1[0], s1[2], dt, theta) / hermiteSlope(s0[1], s0[3], s1[1], s1[3], dt, theta);
    this.settle(true, hermite(s0[0], s0[2], s1[0], s1[2], dt, theta), (step + theta) * dt, xPerY);
    if (!this.withTangents) return;
    hermiteWeights(theta, w);
    for (let j = 0; j < DIRECTIONS; j++) {
      const t = 4 + 4 * j;
      const dd = this.flags[4 * j];
      const dX = w[0] * s0[t] + w[1] * (dd * s0[2] + dt * s0[t + 2]) + w[2] * s1[t] + w[3] * (dd * s1[2] + dt * s1[t + 2]);
      const dY = w[0] * s0[t + 1] + w[1] * (dd * s0[3] + dt * s0[t + 3]) + w[2] * s1[t + 1] + w[3] * (dd * s1[3] + dt * s1[t + 3]);
      this.distanceTangents[j] = dX - xPerY * dY;
    }
  }
}
