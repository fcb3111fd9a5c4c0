import * as tf from '@tensorflow/tfjs';
import { checkNumber, InvalidInputError } from '@cannon/errors';
import { makeOutput, registerKernelsOnce, valuesOf, type KernelBackend } from '@cannon/kernels';
import type { AirConditions } from '../air.js';
import { impactFields, simulateImpacts, type EarthRotation, type ImpactColumns, type ImpactField, type TableDrag } from '../impacts.js';
import { resolveBall, resolveEarth, type BallOnTable } from '../shot.js';
import { defaultWorld, supportedRanges } from '../world.js';

/** The world of a three-dimensional shot: numbers (shared by every shot) or tensors (one value per shot, or a scalar). */
export interface ImpactTensorWorld {
  /** m/s², default 9.81. */
  gravity?: number | tf.Tensor;
  /** The constant k (1/m, default 0); with `options.table`, the ball's form factor i (default the ball's, or 1). */
  drag?: number | tf.Tensor;
  /** m/s: the wind along +x (azimuth 0) and to its left. Default 0. */
  windX?: number | tf.Tensor;
  windY?: number | tf.Tensor;
  /** m, default 0. */
  launchHeight?: number | tf.Tensor;
  targetHeight?: number | tf.Tensor;
}

/** What is shared by the whole batch: the ball on a drag table and its air, and the rotating Earth, as `landing` takes them. */
export interface ImpactTensorOptions {
  /** A ball on a drag table (`landing`'s world.drag): then `world.drag` is its form factor. */
  table?: BallOnTable;
  /** With a table: the air at the muzzle (default: the standard atmosphere at sea level). */
  air?: AirConditions;
  /** The rotating Earth: the muzzle's latitude and the compass bearing of +x (radians). */
  earth?: EarthRotation;
  /**
   * The inputs whose gradients will be asked for (default: every input given as a tensor). The forward pass flies
   * the sensitivities of these alone: a world given per shot as tensors, whose gradients a training step never asks
   * for, costs no directions. Another input's gradient, if asked for, is NaN.
   */
  differentiate?: readonly ImpactInput[];
}

/** The inputs of `impactTensor`, by name: the three launch tensors and the world's fields. */
export type ImpactInput = 'speeds' | 'elevations' | 'azimuths' | 'gravity' | 'drag' | 'windX' | 'windY' | 'launchHeight' | 'targetHeight';

/** Where the shots came down: each of the shape of `speeds`, NaN where a shot never descends through the target height. */
export interface ImpactTensors {
  x: tf.Tensor;
  y: tf.Tensor;
  flightTime: tf.Tensor;
}

/** The kernel behind `impactTensor`, registered for the wasm and cpu backends, with its gradient. */
export const IMPACT_KERNEL = 'CannonImpact';

const worldFields = ['gravity', 'drag', 'windX', 'windY', 'launchHeight', 'targetHeight'] as const;
const inputNames = ['speeds', 'elevations', 'azimuths', ...worldFields] as const;
type InputName = (typeof inputNames)[number];
/** The input each of simulateImpacts' fields (impactFields, in the same order) comes from. */
const inputOf = Object.fromEntries(impactFields.map((field, i) => [field, inputNames[i]])) as Record<ImpactField, InputName>;
const fieldOf = Object.fromEntries(impactFields.map((field, i) => [inputNames[i], field])) as Record<InputName, ImpactField>;

/** What each input allows, as checkNumber takes it: the ranges `landing` checks a three-dimensional shot against. */
const ranges: Record<InputName, { min: number; max: number; minOpen?: boolean; maxOpen?: boolean }> = {
  speeds: range(supportedRanges.speed),
  elevations: { min: -Math.PI / 2, max: Math.PI / 2, minOpen: true, maxOpen: true },
  azimuths: { min: -2 * Math.PI, max: 2 * Math.PI },
  gravity: range(supportedRanges.gravity),
  drag: range(supportedRanges.drag),
  windX: range(supportedRanges.wind),
  windY: range(supportedRanges.wind),
  launchHeight: range(supportedRanges.launchHeight),
  targetHeight: range(supportedRanges.targetHeight),
};

interface ImpactAttrs {
  /** The fields whose partials the forward pass computes and saves (none without a gradient being recorded). */
  fields: ImpactField[];
  /** Inputs given as tensors but left out of options.differentiate: their gradients are refused. */
  undifferentiated: InputName[];
  tableDrag?: TableDrag;
  earth?: EarthRotation;
}

/**
 * Impacts of a batch of three-dimensional shots (`simulateImpacts`' model), differentiable with respect to the
 * speeds, the elevations, the azimuths and every world field given as a tensor. One kernel flies the batch; when a
 * gradient is being recorded it also flies the forward sensitivities of the inputs given as tensors, and keeps
 * their exact partials for the gradient. The impacts are computed in float64 and rounded once to float32. A shot
 * that never descends through the target height comes down at NaN, with a zero gradient.
 */
export function impactTensor(speeds: tf.Tensor, elevations: tf.Tensor, azimuths: tf.Tensor, world: ImpactTensorWorld = {}, options: ImpactTensorOptions = {}): ImpactTensors {
  checkTensor('speeds', speeds);
  for (const [name, value] of [['elevations', elevations], ['azimuths', azimuths]] as const) {
    checkTensor(name, value);
    if (!tf.util.arraysEqual(speeds.shape, value.shape)) throw new InvalidInputError(name, `a tensor of the shape of speeds [${speeds.shape}]`, `shape [${value.shape}]`);
  }
  if (world === null || typeof world !== 'object') throw new InvalidInputError('world', 'an object', world);
  for (const key of Object.keys(world)) {
    if (!(worldFields as readonly string[]).includes(key)) throw new InvalidInputError(`world.${key}`, `one of ${worldFields.join(', ')}`, key);
  }
  const { tableDrag, earth, formFactor, differentiate } = resolveOptions(options, world);
  const defaults = { ...defaultWorld, windX: 0, windY: 0, drag: formFactor ?? defaultWorld.drag };
  const values = { speeds, elevations, azimuths } as Record<InputName, number | tf.Tensor>;
  for (const field of worldFields) {
    const value = world[field] ?? defaults[field];
    if (value instanceof tf.Tensor) {
      checkTensor(`world.${field}`, value);
      if (value.size !== 1 && !tf.util.arraysEqual(value.shape, speeds.shape)) {
        throw new InvalidInputError(`world.${field}`, `a number, a scalar tensor or a tensor of the shape of speeds [${speeds.shape}]`, `shape [${value.shape}]`);
      }
    } else {
      checkNumber(labelOf(field), value, ranges[field]);
    }
    values[field] = value;
  }
  registerKernelsOnce('impactTensor', { [IMPACT_KERNEL]: impactKernel }, [
    { kernelName: IMPACT_KERNEL, inputsToSave: [...inputNames], outputsToSave: [false, false, false, true], gradFunc: impactGradient as never },
  ]);
  return tf.tidy(() => {
    // Numbers become scalars, so that the kernel has one shape of inputs; nothing asks for their gradients.
    const inputs = Object.fromEntries(inputNames.map((name) => [name, tensorOf(values[name])])) as Record<InputName, tf.Tensor>;
    // Partials are worth their directions only when a gradient is being recorded, and only of the caller's tensors.
    const recording = tf.engine().state.gradientDepth > 0;
    const tensors = inputNames.filter((name) => values[name] instanceof tf.Tensor);
    const wanted = (name: InputName) => differentiate === undefined || differentiate.includes(name);
    const fields = recording ? impactFields.filter((field) => tensors.includes(inputOf[field]) && wanted(inputOf[field])) : [];
    const attrs: ImpactAttrs = { fields, undifferentiated: tensors.filter((name) => !wanted(name)), tableDrag, earth };
    const [x, y, flightTime] = tf.engine().runKernel(IMPACT_KERNEL, inputs as never, attrs as never) as tf.Tensor[];
    return { x, y, flightTime };
  });
}

/** The batch-wide options, checked: the ball's table and air as `landing` checks them, and the Earth. */
function resolveOptions(options: ImpactTensorOptions, world: ImpactTensorWorld): { tableDrag?: TableDrag; earth?: EarthRotation; formFactor?: number; differentiate?: readonly InputName[] } {
  if (options === null || typeof options !== 'object') throw new InvalidInputError('options', 'an object { table?, air?, earth?, differentiate? }', options);
  for (const key of Object.keys(options)) {
    if (!['table', 'air', 'earth', 'differentiate'].includes(key)) throw new InvalidInputError(`options.${key}`, 'one of table, air, earth, differentiate', key);
  }
  const { differentiate } = options;
  if (differentiate !== undefined) {
    if (!Array.isArray(differentiate)) throw new InvalidInputError('options.differentiate', `an array of input names (${inputNames.join(', ')})`, differentiate);
    for (let i = 0; i < differentiate.length; i++) {
      // A hole reads as undefined here, and is refused like any other name that is not an input's.
      if (!(inputNames as readonly string[]).includes(differentiate[i])) throw new InvalidInputError(`options.differentiate[${i}]`, `one of ${inputNames.join(', ')}`, differentiate[i]);
    }
  }
  const earth = options.earth === undefined ? undefined : resolveEarth(options.earth, 'options.earth');
  if (options.table === undefined) {
    if (options.air !== undefined) throw new InvalidInputError('options.air', 'given only with a drag table (options.table = { table, mass, diameter }): a constant drag takes the air as it is', options.air);
    return { earth, differentiate };
  }
  if (options.table === null || typeof options.table !== 'object') throw new InvalidInputError('options.table', "a ball on a drag table { table: 'G1' | 'G7' | 'GS' | dragTable(…), mass, diameter, formFactor? }", options.table);
  // One form factor: the ball's, or world.drag's per shot, not both (which of the two would the gradient be of?).
  if (options.table.formFactor !== undefined && world.drag !== undefined) {
    throw new InvalidInputError('options.table.formFactor', 'left out when world.drag is given (with a table, world.drag is the form factor)', options.table.formFactor);
  }
  const { formFactor, tableDrag } = resolveBall(options.table, options.air, { ball: 'options.table', air: 'options.air' });
  return { tableDrag, earth, formFactor, differentiate };
}

/** Outputs: x, y, flightTime, and the saved partials ∂(x, y, flightTime)/∂field, 3 rows per field of attrs.fields. */
function impactKernel({ inputs, backend, attrs }: { inputs: Record<InputName, tf.TensorInfo>; backend: KernelBackend; attrs: ImpactAttrs }): tf.TensorInfo[] {
  const count = tf.util.sizeFromShape(inputs.speeds.shape);
  const columns = {} as ImpactColumns;
  for (const field of impactFields) columns[field] = checkValues(inputOf[field], valuesOf(backend, inputs[inputOf[field]]));
  const impacts = simulateImpacts(columns, count, attrs.fields, attrs.tableDrag, attrs.earth);
  const partials = new Float32Array(3 * attrs.fields.length * count);
  attrs.fields.forEach((field, d) => {
    const { x, y, flightTime } = impacts.partials[field]!;
    partials.set(x, 3 * d * count);
    partials.set(y, (3 * d + 1) * count);
    partials.set(flightTime, (3 * d + 2) * count);
  });
  // A shot without an impact has a zero gradient, whatever the kernel left in the partials of one that ran out of steps.
  const rows = 3 * attrs.fields.length;
  for (let i = 0; i < count && rows > 0; i++) {
    if (!Number.isNaN(impacts.x[i])) continue;
    for (let row = 0; row < rows; row++) partials[row * count + i] = 0;
  }
  // Computed in float64, rounded once to float32.
  const shape = inputs.speeds.shape;
  return [
    makeOutput(backend, shape, Float32Array.from(impacts.x)),
    makeOutput(backend, shape, Float32Array.from(impacts.y)),
    makeOutput(backend, shape, Float32Array.from(impacts.flightTime)),
    makeOutput(backend, [rows, count], partials),
  ];
}

/**
 * d/dInput = dx·∂x/∂input + dy·∂y/∂input + dT·∂flightTime/∂input per shot, from the partials the forward pass
 * saved; summed over the shots for a scalar input.
 */
function impactGradient(dys: tf.Tensor[], saved: tf.Tensor[], attrs: ImpactAttrs): Record<InputName, () => tf.Tensor> {
  const inputs = Object.fromEntries(inputNames.map((name, i) => [name, saved[i]])) as Record<InputName, tf.Tensor>;
  const partials = saved[inputNames.length];
  const count = inputs.speeds.size;
  // d(loss)/d(x, y, flightTime) as 3 rows (the tape gives zeros for an output the loss does not use); made here, in
  // the tape's scope, once for every input's gradient. The fourth dy, the partials', is always zeros.
  const upstream = tf.stack(dys.slice(0, 3).map((dy) => tf.reshape(dy, [count])));
  const gradient = (name: InputName) => () => {
    const input = inputs[name];
    // Not flown: NaN, never a plausible zero (a throw here would strand the tape's tensors, which TensorFlow.js
    // frees only when the backward pass completes).
    if (attrs.undifferentiated.includes(name)) return tf.fill(input.shape, NaN);
    const d = attrs.fields.indexOf(fieldOf[name]);
    // An input with no partials saved was a number made a scalar here: nothing asks for its gradient.
    if (d < 0) return tf.zerosLike(input);
    const grad = tf.sum(tf.mul(upstream, tf.slice(partials, [3 * d, 0], [3, count])), 0);
    return input.size === count ? tf.reshape(grad, input.shape) : tf.reshape(tf.sum(grad), input.shape);
  };
  return Object.fromEntries(inputNames.map((name) => [name, gradient(name)])) as Record<InputName, () => tf.Tensor>;
}

function checkTensor(field: string, value: unknown): void {
  if (!(value instanceof tf.Tensor)) throw new InvalidInputError(field, 'a tf.Tensor', value);
  if (value.dtype !== 'float32') throw new InvalidInputError(field, 'a float32 tensor', `dtype ${value.dtype}`);
}

/** Checks every value of a column, naming the first bad one (`world.windX[3]`) and what is allowed. */
function checkValues(name: InputName, values: Float32Array): Float32Array {
  const { min, max, minOpen = false, maxOpen = false } = ranges[name];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // NaN fails every comparison; the label is only built for the value that fails.
    if (!((minOpen ? v > min : v >= min) && (maxOpen ? v < max : v <= max))) {
      checkNumber(`${labelOf(name)}[${i}]`, v, ranges[name]);
    }
  }
  return values;
}

function labelOf(name: InputName): string {
  return (worldFields as readonly string[]).includes(name) ? `world.${name}` : name;
}

function tensorOf(value: number | tf.Tensor): tf.Tensor {
  return value instanceof tf.Tensor ? value : tf.scalar(value);
}

function range([min, max]: readonly [number, number]): { min: number; max: number } {
  return { min, max };
}
