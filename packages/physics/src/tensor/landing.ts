import * as tf from '@tensorflow/tfjs';
import { InvalidInputError } from '@cannon/errors';
import { flyLandings, type ShotColumns, type ShotField } from '../simulate.js';
import { checkWorldField, defaultWorld, worldFields, type World } from '../world.js';
import { makeOutput, registerKernelsOnce, valuesOf, type KernelBackend } from '@cannon/kernels';

/** A world whose fields are numbers (shared by every shot) or tensors (one value per shot, or a scalar). */
export type TensorWorld = { [F in keyof World]?: number | tf.Tensor };

/** The kernel behind `landingTensor`, registered for the wasm and cpu backends, with its gradient. */
export const LANDING_KERNEL = 'CannonLanding';

const inputNames = ['speeds', 'angles', ...worldFields] as const;
type InputName = (typeof inputNames)[number];
const fieldOf: Record<InputName, ShotField> = {
  speeds: 'speed',
  angles: 'angle',
  gravity: 'gravity',
  drag: 'drag',
  wind: 'wind',
  launchHeight: 'launchHeight',
  targetHeight: 'targetHeight',
};
/**
 * The partials the forward pass produces for the gradient, from its one launch pass: the whole of the launch's
 * and the heights', and the part of the world's that comes through the step size and the flight time.
 */
const launchFields = ['speed', 'angle', 'launchHeight', 'targetHeight', 'drag', 'wind', 'gravity'] as const;
/** The partials with a part through the forces: a second pass, which the gradient makes only when one is asked for. */
const worldPassFields = ['drag', 'wind', 'gravity'] as const;

/**
 * Landing distances of a batch of shots, differentiable with respect to the speeds, the angles and every
 * world field given as a tensor. One kernel integrates the batch and its forward sensitivities in one pass;
 * the gradient is the exact derivative of the same discrete model `landing` uses. A shot that never
 * descends through the target height lands at NaN, with a zero gradient.
 */
export function landingTensor(speeds: tf.Tensor, angles: tf.Tensor, world: TensorWorld = {}): tf.Tensor {
  checkTensor('speeds', speeds);
  checkTensor('angles', angles);
  if (!tf.util.arraysEqual(speeds.shape, angles.shape)) {
    throw new InvalidInputError('angles', `a tensor of the shape of speeds [${speeds.shape}]`, `shape [${angles.shape}]`);
  }
  if (world === null || typeof world !== 'object') throw new InvalidInputError('world', 'an object', world);
  for (const key of Object.keys(world)) {
    if (!(worldFields as readonly string[]).includes(key)) throw new InvalidInputError(`world.${key}`, `one of ${worldFields.join(', ')}`, key);
  }
  for (const field of worldFields) {
    const value = world[field] ?? defaultWorld[field];
    if (value instanceof tf.Tensor) {
      checkTensor(`world.${field}`, value);
      if (value.size !== 1 && !tf.util.arraysEqual(value.shape, speeds.shape)) {
        throw new InvalidInputError(`world.${field}`, `a number, a scalar tensor or a tensor of the shape of speeds [${speeds.shape}]`, `shape [${value.shape}]`);
      }
    } else {
      checkWorldField(field, value);
    }
  }
  registerKernelsOnce('landingTensor', { [LANDING_KERNEL]: landingKernel }, [
    { kernelName: LANDING_KERNEL, inputsToSave: [...inputNames], outputsToSave: [false, true], gradFunc: landingGradient as never },
  ]);
  return tf.tidy(() => {
    // Numbers become scalars, so that the kernel has one shape of inputs; their gradients are never asked for.
    const inputs = { speeds, angles } as Record<InputName, tf.Tensor>;
    for (const field of worldFields) {
      const value = world[field] ?? defaultWorld[field];
      inputs[field] = value instanceof tf.Tensor ? value : tf.scalar(value);
    }
    // Sensitivities are only worth their cost when a gradient is being recorded.
    const attrs = { differentiate: tf.engine().state.gradientDepth > 0 };
    const [distance] = tf.engine().runKernel(LANDING_KERNEL, inputs as never, attrs) as tf.Tensor[];
    return distance;
  });
}

/** Outputs: the distances, and the launch pass's partials (launchFields × shots). */
function landingKernel({ inputs, backend, attrs }: { inputs: Record<InputName, tf.TensorInfo>; backend: KernelBackend; attrs: { differentiate: boolean } }): tf.TensorInfo[] {
  const count = tf.util.sizeFromShape(inputs.speeds.shape);
  const columns = readColumns(inputs, backend);
  const { distance, partials } = flyLandings(columns, count, attrs.differentiate ? launchFields : [], 'launch');
  // Without a gradient to come, the partials are empty (none were computed).
  const width = attrs.differentiate ? count : 0;
  const stacked = new Float32Array(launchFields.length * width);
  if (width > 0) launchFields.forEach((field, i) => stacked.set(partials[field]!, i * width));
  return [makeOutput(backend, inputs.speeds.shape, Float32Array.from(distance)), makeOutput(backend, [launchFields.length, width], stacked)];
}

function readColumns(inputs: Record<InputName, tf.TensorInfo>, backend: KernelBackend): ShotColumns {
  const columns = {} as ShotColumns;
  for (const name of inputNames) columns[fieldOf[name]] = checkValues(name, valuesOf(backend, inputs[name]));
  return columns;
}

/**
 * dDistance/dInput = dy · ∂distance/∂input, summed over the shots for a scalar input. Each input's gradient is
 * computed only when the tape asks for it: drag's, wind's and gravity's add a second pass through the shots
 * (the world pass: their part through the forces) to what the forward pass saved.
 */
function landingGradient(dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]): Record<InputName, () => tf.Tensor> {
  const dDistance = Array.isArray(dy) ? dy[0] : dy;
  const inputs = Object.fromEntries(inputNames.map((name, i) => [name, saved[i]])) as Record<InputName, tf.Tensor>;
  const launchPartials = saved[inputNames.length];
  const count = inputs.speeds.size;
  let worldPartials: Partial<Record<ShotField, Float64Array>> | null = null;
  const partialOf = (name: InputName): tf.Tensor => {
    const field = fieldOf[name];
    const launchPart = tf.reshape(tf.slice(launchPartials, [(launchFields as readonly string[]).indexOf(field), 0], [1, count]), [count]);
    if (!(worldPassFields as readonly string[]).includes(field)) return launchPart;
    if (worldPartials === null) {
      const columns = {} as ShotColumns;
      for (const input of inputNames) columns[fieldOf[input]] = inputs[input].dataSync();
      worldPartials = flyLandings(columns, count, worldPassFields, 'world').partials;
    }
    return tf.add(launchPart, tf.tensor1d(Float32Array.from(worldPartials[field]!)));
  };
  const gradient = (name: InputName) => () => {
    const grad = tf.mul(tf.reshape(dDistance, [count]), partialOf(name));
    const input = inputs[name];
    return input.size === count ? tf.reshape(grad, input.shape) : tf.reshape(tf.sum(grad), input.shape);
  };
  return Object.fromEntries(inputNames.map((name) => [name, gradient(name)])) as Record<InputName, () => tf.Tensor>;
}

function checkTensor(field: string, value: unknown): void {
  if (!(value instanceof tf.Tensor)) throw new InvalidInputError(field, 'a tf.Tensor', value);
  if (value.dtype !== 'float32') throw new InvalidInputError(field, 'a float32 tensor', `dtype ${value.dtype}`);
}

const allowed: Record<InputName, { ok: (v: number) => boolean; text: string }> = {
  speeds: { ok: (v) => v >= 0, text: 'finite and ≥ 0' },
  angles: { ok: (v) => v > -Math.PI / 2 && v < Math.PI / 2, text: 'in (−π/2, π/2)' },
  gravity: { ok: (v) => v > 0, text: 'finite and > 0' },
  drag: { ok: (v) => v >= 0, text: 'finite and ≥ 0' },
  wind: { ok: () => true, text: 'finite' },
  launchHeight: { ok: () => true, text: 'finite' },
  targetHeight: { ok: () => true, text: 'finite' },
};

/** Checks every value of a column, naming the first bad one. */
function checkValues(name: InputName, values: ArrayLike<number>): ArrayLike<number> {
  const { ok, text } = allowed[name];
  const label = name === 'speeds' || name === 'angles' ? name : `world.${name}`;
  for (let i = 0; i < values.length; i++) {
    if (!(Number.isFinite(values[i]) && ok(values[i]))) throw new InvalidInputError(`${label}[${i}]`, text, values[i]);
  }
  return values;
}
