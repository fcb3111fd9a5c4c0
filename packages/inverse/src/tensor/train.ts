import { InvalidInputError } from '@cannon/errors';
import { createRandom } from '@cannon/random';
import { scaleColumns } from '@cannon/network';
import { createTrainer, Network } from '@cannon/network/tensor';
import { aimerError, sampleConditions } from '../accuracy.js';
import { aimerNetworkSpec, createAimer, type Aimer } from '../aimer.js';
import { checkDomain, fieldDomain, inputScalings, vacuumDomain, varyingInputs, type AimerDomain } from '../conditions.js';
import { AIMER_FORMAT, AIMER_VERSION, type AimerMetadata, type Decoder } from '../metadata.js';
import { aimingLoss, RIDGE_PULL, SPEED_PENALTY } from './loss.js';
import { checkTraining, runTraining, type TrainingOptions } from './schedule.js';

export interface TrainingProgress {
  step: number;
  steps: number;
  /** The batch's loss at this step (m²). */
  loss: number;
  /** Seconds since training started. */
  seconds: number;
  /** The aimer as it stands at this step: evaluate it here (its metadata's training record is filled in at the end). */
  aimer: Aimer;
}

export interface TrainAimerOptions extends TrainingOptions {
  /** 'field' (the default), 'vacuum' or a box of your own. */
  domain?: 'vacuum' | 'field' | AimerDomain;
  /** 'physics' (the default) or, on flat ground without air, 'vacuum' (the closed form). */
  decoder?: Decoder;
  /** Called every `progressEvery` steps and at the last; return false to stop early. */
  onProgress?: (progress: TrainingProgress) => void | boolean;
}

/** trainAimer's defaults. */
export const defaultAimerTraining = Object.freeze({
  hiddenLayers: Object.freeze([64, 64]) as readonly number[],
  batchSize: 256,
  steps: 3000,
  learningRate: 0.005,
  seed: 0,
  speedPenalty: SPEED_PENALTY,
  ridgePull: RIDGE_PULL,
  progressEvery: 100,
});

/**
 * Trains an aimer end to end through the differentiable physics: targets and conditions drawn from the
 * domain (denser towards its ends) go through the network to controls, through the physics to landings,
 * and the loss compares the landings with the targets (see `aimingLoss`). Adam, its learning rate decayed
 * over the last 40% of the steps; seeded, so the same options train the same aimer.
 */
export async function trainAimer(options: TrainAimerOptions = {}): Promise<Aimer> {
  const domain = checkDomain(options.domain === 'vacuum' ? vacuumDomain : options.domain === 'field' || options.domain === undefined ? fieldDomain : options.domain);
  const flat = domain.wind[1] === 0 && domain.wind[0] === 0 && domain.drag[1] === 0 && domain.heightDifference[0] === 0 && domain.heightDifference[1] === 0;
  const decoder = options.decoder ?? (flat ? 'vacuum' : 'physics');
  if (decoder !== 'physics' && decoder !== 'vacuum') throw new InvalidInputError('decoder', "'physics' or 'vacuum'", decoder);
  if (decoder === 'vacuum' && !flat) throw new InvalidInputError('decoder', "'physics' for a domain with wind, drag or a height difference", decoder);
  const { hiddenLayers, batchSize, steps, learningRate, seed, speedPenalty, ridgePull, progressEvery } = checkTraining(options, defaultAimerTraining);
  const inputs = varyingInputs(domain);
  if (inputs.length === 0) throw new InvalidInputError('domain', 'a domain in which at least the target varies', domain);

  const random = createRandom(seed);
  const metadata: AimerMetadata = {
    format: AIMER_FORMAT,
    version: AIMER_VERSION,
    name: options.name ?? (domain === vacuumDomain ? 'vacuum' : domain === fieldDomain ? 'field' : 'custom'),
    domain: { ...domain },
    inputs,
    outputs: ['speed', 'angle'],
    hiddenLayers: [...hiddenLayers],
    activation: 'tanh',
    training: { steps: 0, batchSize, learningRate, seed, decoder, speedPenalty, ridgePull, finalLoss: NaN, seconds: 0 },
  };
  const network = new Network({ ...aimerNetworkSpec(metadata), seed });
  const trainer = createTrainer(network, { learningRate });
  const scalings = inputScalings(domain);
  const x = new Float32Array(batchSize * inputs.length);
  let run: ReturnType<typeof runTraining>;
  try {
    run = runTraining({
      trainer,
      steps,
      learningRate,
      progressEvery,
      batch: () => {
        const columns = sampleConditions(domain, batchSize, random, 'arcsine');
        scaleColumns(scalings.map(({ field }) => columns[field]), scalings, x);
        return { x, shape: [batchSize, inputs.length], lossOf: (raw) => aimingLoss(raw, columns, domain, decoder, speedPenalty, ridgePull) };
      },
      progress: options.onProgress && ((step, loss, seconds) => options.onProgress!({ step, steps, loss, seconds, aimer: createAimer(metadata, network.parameterValues) })),
    });
  } finally {
    network.dispose();
  }
  Object.assign(metadata.training, { steps: run.steps, finalLoss: run.loss, seconds: run.seconds });
  const aimer = createAimer(metadata, network.parameterValues);
  const { p50, p95, max } = aimerError(aimer);
  metadata.accuracy = { p50, p95, max };
  return aimer;
}
