import * as tf from '@tensorflow/tfjs';
import { fire } from '@cannon/physics';
import { createRandom } from '@cannon/random';
import { InvalidInputError } from '@cannon/errors';
import { rangeScaling, scaleColumns, spreadScaling, type NetworkScaling } from '@cannon/network';
import { createTrainer, Network } from '@cannon/network/tensor';
import { landedShots, shuffledIndices, splitShots, type ShotColumns } from './data.js';
import { SURROGATE_FORMAT, SURROGATE_VERSION, surrogateNetworkSpec, type SurrogateMetadata } from './metadata.js';
import { resolveOptions, type SurrogateOptions } from './options.js';
import { createSurrogate, surrogateScaling, type Surrogate } from './surrogate.js';

/**
 * Fires shots (or takes `data`), and fits a @cannon/network network from (speed, angle) to the landing
 * distance by its trainer's Adam on the mean squared error: the article's neural network approach. Seeded end to end, so the same options
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
    speed: rangeScaling(o.speedRange),
    angle: rangeScaling(o.angleRange),
    distance: spreadScaling(training.distance),
  };
  const scaling = surrogateScaling({ normalisation });
  const network = new Network(surrogateNetworkSpec(o.hiddenLayers, Math.floor(random.uniform() * 2 ** 31)));
  const trainer = createTrainer(network, { learningRate: o.learningRate });
  const rows = scaledRows(training, scaling);
  const validationRows = validation ? scaledRows(validation, scaling) : null;
  // The network fits the scaled distance; losses are reported in m², as the squared errors of the distance.
  const squareMetres = normalisation.distance.scale ** 2;
  const n = training.speed.length;
  const batchX = new Float32Array(Math.min(o.batchSize, n) * 2);
  const batchY = new Float32Array(Math.min(o.batchSize, n));
  let best = { monitored: Infinity, epoch: 0, validationLoss: null as number | null, parameters: network.parameterValues.slice() };
  let epochsRun = 0;
  try {
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      const order = shuffledIndices(n, random);
      let sum = 0;
      for (let start = 0; start < n; start += o.batchSize) {
        const size = Math.min(o.batchSize, n - start);
        for (let i = 0; i < size; i++) {
          const row = order[start + i];
          batchX[2 * i] = rows.x[2 * row];
          batchX[2 * i + 1] = rows.x[2 * row + 1];
          batchY[i] = rows.y[row];
        }
        const loss = tf.tidy(() => {
          const targets = tf.tensor2d(batchY.subarray(0, size), [size, 1]);
          return trainer.step(tf.tensor2d(batchX.subarray(0, 2 * size), [size, 2]), (outputs) => tf.losses.meanSquaredError(targets, outputs) as tf.Scalar);
        });
        sum += loss * size;
      }
      epochsRun = epoch;
      const loss = (sum / n) * squareMetres;
      const validationLoss = validationRows ? meanSquaredError(network, validationRows) * squareMetres : null;
      o.onProgress?.({ epoch, epochs: o.epochs, loss, validationLoss });
      const monitored = validationLoss ?? loss;
      if (monitored < best.monitored) {
        best = { monitored, epoch, validationLoss, parameters: network.parameterValues.slice() };
      } else if (epoch - best.epoch >= o.patience) {
        break;
      }
    }
    if (best.epoch !== epochsRun && best.epoch > 0) network.setParameters(best.parameters);
    const finalLoss = meanSquaredError(network, rows) * squareMetres;

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
    return createSurrogate(network, metadata);
  } catch (error) {
    network.dispose();
    throw error;
  }
}

/** The shots as the network's rows: scaled [speed, angle] pairs, row-major, and the scaled distances. */
function scaledRows({ speed, angle, distance }: ShotColumns, scaling: NetworkScaling): { x: Float32Array; y: Float32Array } {
  return { x: scaleColumns([speed, angle], scaling.inputs), y: scaleColumns([distance], scaling.outputs) };
}

/** The network's mean squared error on scaled rows, in the scaled units (computed in plain JavaScript). */
function meanSquaredError(network: Network, { x, y }: { x: Float32Array; y: Float32Array }): number {
  const predicted = network.applyRows(x, y.length);
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (predicted[i] - y[i]) ** 2;
  return sum / y.length;
}
