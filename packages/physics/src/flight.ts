import { NoLandingError } from '@cannon/errors';
import { hermite, hermiteSlope, hermiteWeights } from './impact.js';
import { flightKernel, INPUT_SIZE, kernelView, OUTPUT_SIZE, THETA, type FlightKernel } from './kernel.js';
import { vacuumFlightTime } from './vacuum.js';

/**
 * The discrete model of a shot: RK4 from the muzzle, stopped where the path descends through the target
 * height. The step resolves the two time scales of a shot (see `stepSize`), so that every shot takes about
 * the same number of steps, whatever its length, and strong drag stays stable. Drag can make a flight
 * longer than in vacuum; it then simply takes more steps. The stepping runs in the WebAssembly kernel
 * (kernel/flight.ts), two shots per SIMD vector; the impact inside the last step, and its derivatives,
 * are found here.
 */
export const STEPS_PER_FLIGHT = 32;
/** Steps per drag time 1/(k·S), where S bounds the ball's speed through the air. */
export const STEPS_PER_DRAG_TIME = 2;

/** The step and its partial derivatives with respect to its arguments (T's own derivatives are the caller's). */
export interface StepSize {
  dt: number;
  perFlightTime: number;
  perSpeed: number;
  perWind: number;
  perGravity: number;
  perDrag: number;
}

/**
 * A flight shorter than this (s) is not flown: its steps would move the ball by less than the smallest float64,
 * and over it drag and wind move the ball by a fraction of order k·v·T of its 1e-100 m path. Its landing is
 * the vacuum's, with the vacuum's derivatives.
 */
export const INSTANT_FLIGHT = 1e-100;

/**
 * Whether a shot is flown: its vacuum flight time is above INSTANT_FLIGHT, and its steps move the ball by more than
 * the rounding of its heights. A shot that falls only a few ulps of its heights (fired down from a femtometre above
 * a target 2 m up, say) would take steps that move it by nothing, and never come down: it lands as the vacuum lands
 * it, over a time in which drag and wind move it by a fraction k·v·T of its path.
 */
export function isFlown(vacuumTime: number, vy: number, gravity: number, launchHeight: number, stopHeight: number): boolean {
  if (!(vacuumTime > INSTANT_FLIGHT)) return false;
  // A bound on the vertical path in vacuum, against 4 ulps a step of the larger height over STEPS_PER_FLIGHT steps.
  const travel = (Math.abs(vy) + gravity * vacuumTime) * vacuumTime;
  return travel > STEPS_PER_FLIGHT * 8 * Number.EPSILON * Math.max(Math.abs(launchHeight), Math.abs(stopHeight));
}

/** One shot as it is flown: its launch velocity, its vacuum flight time and, when it is flown at all, its step. */
export interface ShotPlan {
  cos: number;
  sin: number;
  vx: number;
  vy: number;
  /** The height the shot falls from the muzzle to where it stops. */
  drop: number;
  /** NaN when the shot never gets down to `stopHeight` in vacuum; 0 when it is there already and not rising. */
  vacuumTime: number;
  /** The step, for a shot that is flown (`isFlown`); null for one that is not. */
  step: StepSize | null;
  /** The object `step` is, when there is one: the plan's own, overwritten when the plan is filled again. */
  readonly stepSpace: StepSize;
}

const emptyStep = (): StepSize => ({ dt: NaN, perFlightTime: NaN, perSpeed: NaN, perWind: NaN, perGravity: NaN, perDrag: NaN });

/** An empty plan, for `planShot` to fill (a loop over many shots fills one plan shot after shot). */
export function emptyPlan(): ShotPlan {
  return { cos: NaN, sin: NaN, vx: NaN, vy: NaN, drop: NaN, vacuumTime: NaN, step: null, stepSpace: emptyStep() };
}

/**
 * The plan of a shot that stops where it descends through `stopHeight`, written into `plan` (a new one by
 * default).
 */
export function planShot(speed: number, angle: number, gravity: number, launchHeight: number, stopHeight: number, wind: number, drag: number, plan: ShotPlan = emptyPlan()): ShotPlan {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const vy = speed * sin;
  const drop = launchHeight - stopHeight;
  const vacuumTime = vacuumFlightTime(vy, gravity, drop);
  plan.cos = cos;
  plan.sin = sin;
  plan.vx = speed * cos;
  plan.vy = vy;
  plan.drop = drop;
  plan.vacuumTime = vacuumTime;
  plan.step = isFlown(vacuumTime, vy, gravity, launchHeight, stopHeight) ? stepSize(vacuumTime, speed, wind, gravity, drag, plan.stepSpace) : null;
  return plan;
}

/**
 * dt = T / (STEPS_PER_FLIGHT + STEPS_PER_DRAG_TIME·k·S·T), with T the vacuum flight time and
 * S = √(v² + w² + (g·T)²) a smooth bound on the speed through the air: STEPS_PER_FLIGHT steps per flight
 * in thin air, and at least STEPS_PER_DRAG_TIME per drag time where drag dominates. A smooth function of
 * the inputs, so that the discrete model stays differentiable. A coarser flight than the model's takes fewer steps
 * in thin air (`stepsPerFlight`), as many per drag time.
 */
export function stepSize(flightTime: number, speed: number, wind: number, gravity: number, drag: number, into: StepSize = emptyStep(), stepsPerFlight = STEPS_PER_FLIGHT): StepSize {
  const T = flightTime;
  const gT = gravity * T;
  const S = Math.sqrt(speed * speed + wind * wind + gT * gT);
  const steps = stepsPerFlight + STEPS_PER_DRAG_TIME * drag * S * T;
  const perS = (-STEPS_PER_DRAG_TIME * drag * T * T) / (steps * steps); // ∂dt/∂S
  const sPer = S > 0 ? 1 / S : 0; // ∂S/∂(v, w, g, T) = (v, w, g·T², g²·T)/S
  into.dt = T / steps;
  into.perFlightTime = stepsPerFlight / (steps * steps) + perS * gravity * gT * sPer;
  into.perSpeed = perS * speed * sPer;
  into.perWind = perS * wind * sPer;
  into.perGravity = perS * gT * T * sPer;
  into.perDrag = (-STEPS_PER_DRAG_TIME * S * T * T) / (steps * steps);
  return into;
}

/**
 * The step budget of one shot, 2²¹: a shot in thin air takes about STEPS_PER_FLIGHT steps, and strong drag at
 * high speed (5000 m/s into a drag of 8 1/m: about 240 000 steps, each at most half a drag time of the ball's
 * fastest moment) stays well inside it. A shot that needs more is reported, not guessed.
 */
export const MAX_STEPS = 2 ** 21;

/**
 * The directions the distance is differentiated along, besides the target height: none; the launch set
 * (the launch vx, vy and the step size); the world set (the drag, the wind and gravity); or the shot set, two
 * directions each shot seeds when it is added (a move of vx, vy and the step size together: the speed's and the
 * angle's), the third tangent 0.
 */
export type DirectionSet = 'none' | 'launch' | 'world' | 'shot';

/** The shot set's seeds of one shot: (δvx, δvy, δdt) of its first direction, then of its second. */
export type ShotSeeds = readonly [number, number, number, number, number, number];

/** Where one shot came down, as `FlightBatch.fly` reports it (the object is reused from shot to shot). */
export interface FlightResult {
  landed: boolean;
  /** The steps ran out before the shot came down: not "never lands", but not followed to its landing. */
  unresolved: boolean;
  distance: number;
  flightTime: number;
  /** The velocity at the impact, on the cubic the impact is found on (NaN without a landing). */
  velocityX: number;
  velocityY: number;
  /** ∂distance/∂targetHeight through the impact point alone (the launch height's is its negative); NaN when flown without directions. */
  distancePerTargetHeight: number;
  /** ∂distance along each direction of the set, at fixed heights. */
  readonly tangents: Float64Array;
}

/** The error for a shot the simulator could not follow to its landing: the same from `landing` and `trajectory`. */
export function unresolvedShot(drag: number): NoLandingError {
  return new NoLandingError(
    `the shot could not be followed to its landing within ${MAX_STEPS} steps: a drag of ${drag} 1/m at this speed makes its fastest moment so short, and its flight so long, that the steps that resolve the one do not reach the end of the other`,
  );
}

/**
 * Shots to fly together: `add` each, then `fly` (as often as needed, along different direction sets). Every
 * batch works in the same place of the kernel's memory, so one is in use at a time: `FlightBatch.of` hands
 * out an emptied one, reused for small sizes (an aim flies a shot at a time, and setting a batch up costs a
 * good part of a shot).
 */
export class FlightBatch {
  private static readonly reusable = new Map<number, FlightBatch>();

  /** An empty batch for `capacity` shots. */
  static of(capacity: number): FlightBatch {
    const kept = FlightBatch.reusable.get(capacity);
    if (kept) {
      kept.count = 0;
      return kept;
    }
    const batch = new FlightBatch(capacity);
    if (capacity <= 64) FlightBatch.reusable.set(capacity, batch);
    return batch;
  }

  private readonly kernel: FlightKernel;
  private readonly inputOffset: number;
  private readonly outputOffset: number;
  private readonly shots: Int32Array;
  /** The input records, a view of kernel memory (reserved, with the outputs, when the batch is made). */
  private inputView: Float64Array;
  private count = 0;
  private readonly result: FlightResult = { landed: false, unresolved: false, distance: NaN, flightTime: NaN, velocityX: NaN, velocityY: NaN, distancePerTargetHeight: 0, tangents: new Float64Array(3) };
  private readonly weights = new Float64Array(4);

  constructor(readonly capacity: number) {
    this.kernel = flightKernel();
    this.inputOffset = this.kernel.heapBase();
    this.outputOffset = this.inputOffset + 8 * INPUT_SIZE * capacity;
    this.shots = new Int32Array(capacity);
    kernelView(this.kernel, this.outputOffset, OUTPUT_SIZE * capacity); // reserve the memory up front
    this.inputView = kernelView(this.kernel, this.inputOffset, INPUT_SIZE * capacity);
  }

  /** The input records; a view made anew if the kernel's memory has grown (which detaches the old one, to length 0). */
  private get inputs(): Float64Array {
    if (this.inputView.length === 0) this.inputView = kernelView(this.kernel, this.inputOffset, INPUT_SIZE * this.capacity);
    return this.inputView;
  }

  /** Adds a shot to fly from the muzzle with step dt (> 0); `shot` is the caller's index for it; `seeds`, for the shot set. */
  add(shot: number, vx: number, vy: number, launchHeight: number, targetHeight: number, dt: number, gravity: number, drag: number, wind: number, seeds?: ShotSeeds): void {
    const record = this.inputs;
    const at = INPUT_SIZE * this.count;
    if (seeds) for (let j = 0; j < 6; j++) record[at + 8 + j] = seeds[j];
    record[at] = vx;
    record[at + 1] = vy;
    record[at + 2] = launchHeight;
    record[at + 3] = targetHeight;
    record[at + 4] = dt;
    record[at + 5] = gravity;
    record[at + 6] = drag;
    record[at + 7] = wind;
    this.shots[this.count++] = shot;
  }

  get size(): number {
    return this.count;
  }

  /** Flies every added shot, then calls `landed(shot, result)` for each, in the order they were added. */
  fly(directions: DirectionSet, report: (shot: number, result: FlightResult) => void): void {
    const { kernel, count } = this;
    if (count === 0) return;
    const fly = directions === 'launch' ? kernel.flyLaunch : directions === 'world' ? kernel.flyWorld : directions === 'shot' ? kernel.flyShot : kernel.flyValues;
    fly(count, this.inputOffset, this.outputOffset, MAX_STEPS);
    const inputs = this.inputs;
    const outputs = kernelView(kernel, this.outputOffset, OUTPUT_SIZE * count);
    for (let r = 0; r < count; r++) {
      // A shot out of steps is reported as such and the batch goes on: one shot must not sink the rest.
      if (outputs[OUTPUT_SIZE * r] < 0) this.unresolve();
      else this.settle(outputs, OUTPUT_SIZE * r, inputs, INPUT_SIZE * r, directions);
      report(this.shots[r], this.result);
    }
  }

  /**
   * Flies the first added shot alone as `fly` does (without sensitivities), recording its state at every
   * step; returns [t, x, y, vx, vy] per step, from the muzzle.
   */
  trace(report: (shot: number, result: FlightResult) => void): number[] {
    const { kernel } = this;
    const nodesOffset = this.outputOffset + 8 * OUTPUT_SIZE * this.capacity;
    // Fly it once to count its steps, then record exactly those: memory for the whole budget is not reserved.
    kernel.flyValues(1, this.inputOffset, this.outputOffset, MAX_STEPS);
    const [status, counted] = kernelView(kernel, this.outputOffset, 2);
    if (status < 0) throw unresolvedShot(this.inputs[6]);
    kernelView(kernel, nodesOffset, 4 * (counted + 1)); // reserve: the memory may grow here (and detach older views)
    const inputs = this.inputs;
    kernel.trace(this.inputOffset, this.outputOffset, counted, nodesOffset);
    const outputs = kernelView(kernel, this.outputOffset, OUTPUT_SIZE);
    if (outputs[0] < 0) throw unresolvedShot(inputs[6]);
    const steps = outputs[1];
    const dt = inputs[4];
    const raw = kernelView(kernel, nodesOffset, 4 * (steps + 1));
    const nodes: number[] = [];
    for (let n = 0; n <= steps; n++) nodes.push(n * dt, raw[4 * n], raw[4 * n + 1], raw[4 * n + 2], raw[4 * n + 3]);
    this.settle(outputs, 0, inputs, 0, 'none');
    report(this.shots[0], this.result);
    return nodes;
  }

  /** The result of a shot whose steps ran out. */
  private unresolve(): void {
    Object.assign(this.result, { landed: false, unresolved: true, distance: NaN, flightTime: NaN, velocityX: NaN, velocityY: NaN, distancePerTargetHeight: 0 });
    this.result.tangents.fill(0);
  }

  /**
   * The landing inside the last step, at the fraction θ of it the kernel found (kernel/stop.ts), on the Hermite
   * cubic of the step's end states, or none. Implicit function at impact: Y(θ) = h, so δθ = −δY/Y′(θ), and the
   * distance moves by δX + X′(θ)·δθ.
   */
  private settle(out: Float64Array, at: number, inputs: Float64Array, record: number, directions: DirectionSet): void {
    const result = this.result;
    const dt = inputs[record + 4];
    result.unresolved = false;
    // The record: status, steps, the 16 numbers of the state before the last step (s0), then after it (s1), θ.
    const s0 = at + 2;
    const s1 = at + 18;
    const theta = out[at + THETA];
    result.landed = theta >= 0;
    if (!result.landed) {
      result.distance = NaN;
      result.flightTime = NaN;
      result.velocityX = NaN;
      result.velocityY = NaN;
      result.distancePerTargetHeight = 0;
      if (directions !== 'none') result.tangents.fill(0);
      return;
    }
    const step = out[at + 1] - 1;
    result.distance = hermite(out[s0], out[s0 + 2], out[s1], out[s1 + 2], dt, theta);
    result.flightTime = (step + theta) * dt;
    const slopeX = hermiteSlope(out[s0], out[s0 + 2], out[s1], out[s1 + 2], dt, theta);
    const slopeY = hermiteSlope(out[s0 + 1], out[s0 + 3], out[s1 + 1], out[s1 + 3], dt, theta);
    result.velocityX = slopeX / dt;
    result.velocityY = slopeY / dt;
    if (directions === 'none') {
      result.distancePerTargetHeight = NaN;
      return;
    }
    const xPerY = slopeX / slopeY;
    result.distancePerTargetHeight = xPerY;
    const w = this.weights;
    hermiteWeights(theta, w);
    for (let j = 0; j < 3; j++) {
      const a = s0 + 4 + 4 * j; // this direction's tangent before the step
      const b = s1 + 4 + 4 * j; // and after it
      // How far the direction moves the step: the launch set's third direction by 1, the shot set's by its seed.
      const dd = directions === 'launch' ? (j === 2 ? 1 : 0) : directions === 'shot' ? (j === 2 ? 0 : inputs[record + 10 + 3 * j]) : 0;
      const dX = w[0] * out[a] + w[1] * (dd * out[s0 + 2] + dt * out[a + 2]) + w[2] * out[b] + w[3] * (dd * out[s1 + 2] + dt * out[b + 2]);
      const dY = w[0] * out[a + 1] + w[1] * (dd * out[s0 + 3] + dt * out[a + 3]) + w[2] * out[b + 1] + w[3] * (dd * out[s1 + 3] + dt * out[b + 3]);
      result.tangents[j] = dX - xPerY * dY;
    }
  }
}

/**
 * The states [t, x, y, vx, vy] at every step of one shot from the muzzle until it stops, and its landing
 * (or null), for sampling its path: one flight, recorded.
 */
export function traceFlight(vx: number, vy: number, launchHeight: number, stopHeight: number, dt: number, gravity: number, drag: number, wind: number): { nodes: number[]; landing: FlightResult | null } {
  const batch = FlightBatch.of(1);
  batch.add(0, vx, vy, launchHeight, stopHeight, dt, gravity, drag, wind);
  let landing: FlightResult | null = null;
  const nodes = batch.trace((_, result) => {
    landing = result.landed ? { ...result, tangents: result.tangents.slice() } : null;
  });
  return { nodes, landing };
}
