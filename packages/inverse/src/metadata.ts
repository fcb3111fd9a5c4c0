import type { AimerDomain, InputField } from './domain.js';
import type { Decoder } from './loss.js';

export const AIMER_FORMAT = 'cannon-aimer';
export const AIMER_VERSION = 1;

/** Everything about an aimer besides its weights. */
export interface AimerMetadata {
  format: typeof AIMER_FORMAT;
  version: typeof AIMER_VERSION;
  name: string;
  domain: AimerDomain;
  /** The network's inputs, each mapped from its domain range to [−1, 1]. */
  inputs: InputField[];
  /** speed = maxSpeed·σ(o₀), angle = (π/2)·σ(o₁). */
  outputs: ['speed', 'angle'];
  hiddenLayers: number[];
  activation: 'tanh';
  training: {
    steps: number;
    batchSize: number;
    learningRate: number;
    seed: number;
    decoder: Decoder;
    speedPenalty: number;
    finalLoss: number;
    seconds: number;
  };
}
