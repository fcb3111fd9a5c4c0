import * as tf from '@tensorflow/tfjs';
import { checkNumber, createRandom, InvalidInputError } from '@cannon/physics';
import { createAimer, type Aimer } from './aimer.js';
import { networkInputs, sampleConditions } from './batch.js';
import { checkDomain, fieldDomain, vacuumDomain, varyingInputs, type AimerDomain } from './domain.js';
import { aimingLoss, SPEED_PENALTY, type Decoder } from './loss.js';
import { AIMER_FORMAT, AIMER_VERSION, type AimerMetadata } from './metadata.js';
import { createTrainer, Network } from './network.js';

export interface TrainingProgress {
  step: number;
  steps: number;
  /** The batch's loss at this step (m²). */
  loss: number;
  /** Seconds since training started. */
  seconds: number;
  /** The aimer being trained, as it stands: evaluate it here (its metadata's training record is filled in at the end). */
  aimer: Aimer;
}

export interface TrainAimerOptions {
  /** 'field' (the default), 'vacuum' or a box of your own. */
  domain?: 'vacuum' | 'field' | AimerDomain;
  name?: string;
  hiddenLayers?: number[];
  batchSize?: number;
  steps?: number;
  learningRate?: number;
  seed?: number;
  /** 'physics' (the default) or, on flat ground without air, 'vacuum' (the closed form). */
  decoder?: Decoder;
  speedPenalty?: number;
  /** Called every `progressEvery` steps and at the last; return false to stop early. */
  onProgress?: (progress: TrainingProgress) => void | boolean;
  progressEvery?: number;
}

/**
 * Trains an aimer end to end through the differentiable physics: targets and conditions drawn from the
 * domain go through the network to controls, through the physics to landings, and the loss compares
 * the landings with the targets (see `aimingLoss`). Adam; seeded, so the same options train the same aimer.
 */
export async function trainAimer(options: TrainAimerOptions = {}): Promise<Aimer> {
  const domain = checkDomain(options.domain === 'vacuum' ? vacuumDomain : options.domain === 'field' || options.domain === undefined ? fieldDomain : options.domain);
  const flat = domain.wind[1] === 0 && domain.wind[0] === 0 && domain.drag[1] === 0 && domain.heightDifference[0] === 0 && domain.heightDifference[1] === 0;
  const decoder = options.decoder ?? (flat ? 'vacuum' : 'physics');
  if (decoder !== 'physics' && decoder !== 'vacuum') throw new InvalidInputError('decoder', "'physics' or 'vacuum'", decoder);
  if (decoder === 'vacuum' && !flat) throw new InvalidInputError('decoder', "'physics' for a domain with wind, drag or a height difference", decoder);
  const hiddenLayers = options.hiddenLayers ?? [64, 64];
  if (!Array.isArray(hiddenLayers) || hiddenLayers.length === 0 || !hiddenLayers.every((u) => Number.isInteger(u) && u > 0 && u <= 4096)) {
    throw new InvalidInputError('hiddenLayers', 'a non-empty array of layer widths (whole numbers from 1 to 4096)', hiddenLayers);
  }
  const batchSize = checkWhole('batchSize', options.batchSize ?? 256, 1);
  const steps = checkWhole('steps', options.steps ?? 3000, 1);
  const learningRate = checkNumber('learningRate', options.learningRate ?? 0.005, { min: 0, minOpen: true });
  const seed = checkNumber('seed', options.seed ?? 0);
  const speedPenalty = checkNumber('speedPenalty', options.speedPenalty ?? SPEED_PENALTY, { min: 0 });
  const progressEvery = checkWhole('progressEvery', options.progressEvery ?? 100, 1);
  const inputs = varyingInputs(domain);
  if (inputs.length === 0) throw new InvalidInputError('domain', 'a domain in which at least the target varies', domain);

  const random = createRandom(seed);
  const network = new Network({ inputs: inputs.length, hiddenLayers, outputs: 2, activation: 'tanh', seed });
  const trainer = createTrainer(network, { learningRate });
  const metadata: AimerMetadata = {
    format: AIMER_FORMAT,
    version: AIMER_VERSION,
    name: options.name ?? (domain === vacuumDomain ? 'vacuum' : domain === fieldDomain ? 'field' : 'custom'),
    domain: { ...domain },
    inputs,
    outputs: ['speed', 'angle'],
    hiddenLayers: [...hiddenLayers],
    activation: 'tanh',
    training: { steps: 0, batchSize, learningRate, seed, decoder, speedPenalty, finalLoss: NaN, seconds: 0 },
  };
  const aimer = createAimer(network, metadata);
  const started = performance.now();
  let loss = NaN;
  let step = 0;
  try {
    while (step < steps) {
      step++;
      const columns = sampleConditions(domain, batchSize, random);
      const x = networkInputs(domain, columns, batchSize);
      loss = tf.tidy(() => trainer.step(tf.tensor2d(x, [batchSize, inputs.length]), (raw) => aimingLoss(raw, columns, domain, decoder, speedPenalty)));
      if (options.onProgress && (step % progressEvery === 0 || step === steps)) {
        if (options.onProgress({ step, steps, loss, seconds: (performance.now() - started) / 1000, aimer }) === false) break;
      }
    }
  } catch (error) {
    network.dispose();
    throw error;
  } finally {
    trainer.dispose();
  }
  Object.assign(metadata.training, { steps: step, finalLoss: loss, seconds: (performance.now() - started) / 1000 });
  return aimer;
}

function checkWhole(field: string, value: unknown, min: number): number {
  checkNumber(field, value, { min });
  if (!Number.isInteger(value)) throw new InvalidInputError(field, `a whole number ≥ ${min}`, value);
  return value as number;
}

export type { AimerDomain };
