import { InvalidInputError } from '@cannon/errors';
import type { Launch } from '@cannon/physics';
import { createForward, type NetworkSpec } from '@cannon/network';
import { controlsOf } from './controls.js';
import { conditionFields, inputScalings, type Conditions, type InputField } from './conditions.js';
import type { AimerMetadata } from './metadata.js';

/** A trained aimer: what it was trained on, and its network's parameters. It runs on plain numbers. */
export interface Aimer {
  readonly metadata: AimerMetadata;
  /** The network's parameters as one flat vector (see @cannon/network). */
  readonly parameters: Float32Array;
  /** The network's shot for one target (no checks of the values or the domain: `aim` does them). */
  predict(target: number, conditions?: Partial<Conditions>): Launch;
  /** The network's shots for many targets; conditions are per target (arrays) or shared (numbers). */
  predictBatch(targets: ArrayLike<number>, conditions?: Partial<Record<keyof Conditions, ArrayLike<number> | number>>): { speed: Float64Array; angle: Float64Array };
}

/** The network of an aimer with this metadata. */
export function aimerNetworkSpec(metadata: AimerMetadata): NetworkSpec {
  return { inputs: metadata.inputs.length, hiddenLayers: metadata.hiddenLayers, outputs: 2, activation: 'tanh' };
}

/** An aimer from its metadata and its network's parameters (copied). */
export function createAimer(metadata: AimerMetadata, parameters: Float32Array): Aimer {
  if (metadata === null || typeof metadata !== 'object' || typeof metadata.domain !== 'object' || !Array.isArray(metadata.inputs)) {
    throw new InvalidInputError('metadata', "an aimer's metadata (as saveAimer writes it, or an aimer's .metadata)", metadata);
  }
  const { domain } = metadata;
  const forward = createForward(aimerNetworkSpec(metadata), parameters);
  const scalings = inputScalings(domain);
  const k = scalings.length;
  const row = new Float64Array(k);
  const raw = new Float64Array(2);
  /** Row i of the network's input, from per-row values. */
  const fill = (into: Float64Array, at: number, value: (field: InputField) => number) => {
    for (let j = 0; j < k; j++) into[at + j] = (value(scalings[j].field) - scalings[j].offset) / scalings[j].scale;
  };
  return {
    metadata,
    parameters: Float32Array.from(parameters),
    predict(target, conditions = {}) {
      fill(row, 0, (field) => (field === 'target' ? target : (conditions[field] ?? 0)));
      forward(row, 1, raw);
      const { speed, angle } = controlsOf(raw[0], raw[1], domain.maxSpeed);
      return { speed, angle };
    },
    predictBatch(targets, conditions = {}) {
      const n = targets.length;
      const columns = { target: (i: number) => targets[i] } as Record<InputField, (i: number) => number>;
      for (const field of conditionFields) {
        const value = conditions[field] ?? 0;
        columns[field] = typeof value === 'number' ? () => value : (i: number) => value[i];
      }
      const x = new Float64Array(n * k);
      for (let i = 0; i < n; i++) fill(x, i * k, (field) => columns[field](i));
      const outputs = forward(x, n);
      const shots = { speed: new Float64Array(n), angle: new Float64Array(n) };
      for (let i = 0; i < n; i++) {
        const { speed, angle } = controlsOf(outputs[2 * i], outputs[2 * i + 1], domain.maxSpeed);
        shots.speed[i] = speed;
        shots.angle[i] = angle;
      }
      return shots;
    },
  };
}
