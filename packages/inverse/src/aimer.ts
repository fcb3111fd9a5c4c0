import * as tf from '@tensorflow/tfjs';
import type { Launch } from '@cannon/physics';
import { networkInputs } from './batch.js';
import { controls, controlsOf } from './controls.js';
import { conditionFields, type Conditions, type InputField } from './domain.js';
import type { AimerMetadata } from './metadata.js';
import type { Network } from './network.js';

/** A trained aimer: its network, and what it was trained on. */
export interface Aimer {
  readonly network: Network;
  readonly metadata: AimerMetadata;
  /** The network's shot for one target (no checks of the values or the domain: `aim` does them), in plain JavaScript. */
  predict(target: number, conditions?: Partial<Conditions>): Launch;
  /** The network's shots for many targets at once (TensorFlow.js); conditions are per target or shared. */
  predictBatch(targets: ArrayLike<number>, conditions?: Partial<Record<keyof Conditions, ArrayLike<number> | number>>): { speed: Float64Array; angle: Float64Array };
  dispose(): void;
}

export function createAimer(network: Network, metadata: AimerMetadata): Aimer {
  const { domain } = metadata;
  const row = new Float32Array(metadata.inputs.length);
  const raw = new Float64Array(2);
  // Each input's offset and scale onto [−1, 1], once: predict is the latency path.
  const scalings = metadata.inputs.map((field) => {
    const [low, high] = domain[field];
    return { field, mid: (low + high) / 2, half: (high - low) / 2 };
  });
  return {
    network,
    metadata,
    predict(target, conditions = {}) {
      const values: Record<InputField, number> = { target, wind: conditions.wind ?? 0, drag: conditions.drag ?? 0, heightDifference: conditions.heightDifference ?? 0 };
      for (let j = 0; j < scalings.length; j++) row[j] = (values[scalings[j].field] - scalings[j].mid) / scalings[j].half;
      network.applyRows(row, 1, raw);
      return controlsOf(raw[0], raw[1], domain.maxSpeed);
    },
    predictBatch(targets, conditions = {}) {
      const n = targets.length;
      const columns = { target: targets } as Record<InputField, ArrayLike<number>>;
      for (const field of conditionFields) {
        const value = conditions[field] ?? 0;
        columns[field] = typeof value === 'number' ? new Float32Array(n).fill(value) : value;
      }
      const inputs = networkInputs(domain, columns, n);
      const shots = { speed: new Float64Array(n), angle: new Float64Array(n) };
      tf.tidy(() => {
        const { speed, angle } = controls(network.apply(tf.tensor2d(inputs, [n, metadata.inputs.length])), domain.maxSpeed);
        shots.speed.set(speed.dataSync());
        shots.angle.set(angle.dataSync());
      });
      return shots;
    },
    dispose() {
      network.dispose();
    },
  };
}
