import { checkMetadataHead } from '@cannon/model-files';
import { checkHiddenLayers } from '@cannon/network';
import { checkDomain, inputFields, varyingInputs, type AimerDomain, type InputField } from './conditions.js';

export const AIMER_FORMAT = 'cannon-aimer';
export const AIMER_VERSION = 1;

/** How the network's controls become landings in training: the simulated physics, or the vacuum closed form v²·sin 2a/g (flat ground only). */
export type Decoder = 'physics' | 'vacuum';

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
    /** Absent in aimers trained before the pull existed. */
    ridgePull?: number;
    finalLoss: number;
    seconds: number;
  };
  /**
   * The unrefined miss over the domain when training ended (see `aimerError`), m: a model file tells how good
   * it is. Infinity (a shot that never lands) is null in aimer.json, which has no Infinity.
   */
  accuracy?: { p50: number; p95: number; max: number };
}

/** Checks that `value`, read from `file`, is an aimer.json this package can use. */
export function checkAimerMetadata(value: unknown, file: string): AimerMetadata {
  const { metadata: m, fail } = checkMetadataHead<AimerMetadata>(value, file, { format: AIMER_FORMAT, version: AIMER_VERSION, kind: "an aimer's", reader: '@cannon/inverse' });
  try {
    checkDomain(m.domain!);
  } catch (error) {
    fail(`has an invalid domain: ${(error as Error).message}`);
  }
  if (JSON.stringify(m.inputs) !== JSON.stringify(varyingInputs(m.domain!)) || !m.inputs!.every((f) => (inputFields as readonly string[]).includes(f))) {
    fail(`lists inputs ${JSON.stringify(m.inputs)}, but its domain varies in ${JSON.stringify(varyingInputs(m.domain!))}`);
  }
  try {
    checkHiddenLayers(m.hiddenLayers);
  } catch (error) {
    fail(`has an invalid ${(error as Error).message}`);
  }
  if (typeof m.name !== 'string') fail('has no name');
  if (m.accuracy !== undefined) {
    const { p50, p95, max } = m.accuracy as Record<string, number | null>;
    const miss = (value: number | null) => (value === null ? Infinity : value);
    if (![p50, p95, max].every((value) => value === null || (typeof value === 'number' && value >= 0))) fail('has an invalid accuracy (p50, p95 and max, each a miss ≥ 0 in metres, or null)');
    m.accuracy = { p50: miss(p50), p95: miss(p95), max: miss(max) };
  }
  return m as AimerMetadata;
}
