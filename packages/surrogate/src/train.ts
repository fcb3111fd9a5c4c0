import * as tf from '@tensorflow/tfjs';
import { fire } from '@cannon/physics';
import { createRandom } from '@cannon/random';
import { InvalidInputError } from '@cannon/errors';
import { landedShots, shuffledIndices, splitShots, type ShotColumns } from './data.js';
import { SURROGATE_FORMAT, SURROGATE_VERSION, type Scaling, type SurrogateMetadata } from './metadata.js';
import { buildNetwork } from './network.js';
import { resolveOptions, type SurrogateOptions } from './options.js';
import { createSurrogate, type Surrogate } from './surrogate.js';

/**
 * Fires shots (or takes `data`), and fits a network from (speed, angle) to the landing distance by Adam on
 * the mean squared error: the article's neural network approach. Seeded end to end, so the same options
 * give the same surrogate. Stops early when the validation loss has not improved for `patience` epochs, and
 * keeps the weights of the best epoch.
 */
export async function trainSurrogate(options: SurrogateOptions = {}): Promise<Surrogate> {
  const o = resolveOptions(options);
  const shots = o.data ?? fire({ shots: o.shots, speedRange: o.speedRange, angleRange: o.angleRange, noise: o.noise, seed: o.seed, world: o.world });
  const landed = landedShots(shots);
  if (landed.speed.length < 2) {
    throw new InvalidInputError(o.data ? 'data' : 'shots', 'enough shots that at least 2 land in the world', o.data ? `${landed.speed.length} landed` : o.shots);
  }
  // A stream apart from fire's (which draws from createRandom(seed)) for the weights, the split and the order.
  const random = createRandom(((o.seed >>> 0) ^ 0x9e3779b9) >>> 0);
  const { training, validation } = splitShots(landed, o.validationSplit, random);
  const normalisation = {
    speed: halfRange(o.speedRange),
    angle: halfRange(o.angleRange),
    distance: meanAndDeviation(training.distance),
  };
  const model = buildNetwork({ hiddenLayers: o.hiddenLayers, activation: o.activation, normalisation }, random);
  const optimizer = tf.train.adam(o.learningRate);
  model.compile({ optimizer, loss: 'meanSquaredError' });

  const trainingRows = toTensors(training);
  const validationRows = validation ? toTensors(validation) : null;
  let best = { monitored: Infinity, epoch: 0, validationLoss: null as number | null, weights: [] as tf.Tensor[] };
  let epochsRun = 0;
  try {
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      const order = tf.tensor1d(shuffledIndices(training.speed.length, random), 'int32');
      const [x, y] = tf.tidy(() => [tf.gather(trainingRows.x, order), tf.gather(trainingRows.y, order)]);
      const history = await model
        .fit(x, y, { epochs: 1, batchSize: o.batchSize, shuffle: false, verbose: 0, validationData: validationRows ? [validationRows.x, validationRows.y] : undefined })
        .finally(() => tf.dispose([order, x, y]));
      epochsRun = epoch;
      const loss = Number(history.history.loss[0]);
      const validationLoss = validationRows ? Number(history.history.val_loss[0]) : null;
      o.onProgress?.({ epoch, epochs: o.epochs, loss, validationLoss });
      const monitored = validationLoss ?? loss;
      if (monitored < best.monitored) {
        tf.dispose(best.weights);
        best = { monitored, epoch, validationLoss, weights: model.getWeights().map((w) => w.clone()) };
      } else if (epoch - best.epoch >= o.patience) {
        break;
      }
    }
    if (best.epoch !== epochsRun && best.weights.length > 0) model.setWeights(best.weights);
    const finalLoss = tf.tidy(() => (model.evaluate(trainingRows.x, trainingRows.y, { batchSize: 4096 }) as tf.Scalar).dataSync()[0]);

    const metadata: SurrogateMetadata = {
      format: SURROGATE_FORMAT,
      version: SURROGATE_VERSION,
      inputs: ['speed', 'angle'],
      outputs: ['distance'],
      speedRange: o.speedRange,
      angleRange: o.angleRange,
      world: o.world,
      normalisation,
      training: {
        hiddenLayers: o.hiddenLayers,
        activation: o.activation,
        epochs: o.epochs,
        batchSize: o.batchSize,
        learningRate: o.learningRate,
        validationSplit: o.validationSplit,
        patience: o.patience,
        seed: o.seed,
        shots: shots.length,
        usedShots: landed.speed.length,
        noise: o.data ? null : o.noise,
        epochsRun,
        bestEpoch: best.epoch,
        loss: finalLoss,
        validationLoss: best.validationLoss,
      },
    };
    return createSurrogate(model, metadata);
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    // The network is for prediction from here on: Adam's moment estimates are not kept.
    optimizer.dispose();
    tf.dispose([...best.weights, trainingRows.x, trainingRows.y, ...(validationRows ? [validationRows.x, validationRows.y] : [])]);
  }
}

function halfRange([low, high]: readonly [number, number]): Scaling {
  return { offset: (low + high) / 2, scale: (high - low) / 2 };
}

function meanAndDeviation(values: Float32Array): Scaling {
  const mean = values.reduce((sum, x) => sum + x, 0) / values.length;
  const deviation = Math.sqrt(values.reduce((sum, x) => sum + (x - mean) ** 2, 0) / values.length);
  return { offset: mean, scale: deviation > 1e-6 ? deviation : 1 };
}

function toTensors({ speed, angle, distance }: ShotColumns): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const x = new Float32Array(speed.length * 2);
  speed.forEach((s, i) => {
    x[2 * i] = s;
    x[2 * i + 1] = angle[i];
  });
  return { x: tf.tensor2d(x, [speed.length, 2]), y: tf.tensor2d(distance, [distance.length, 1]) };
}
