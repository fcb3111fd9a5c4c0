import * as tf from '@tensorflow/tfjs';
import { defaultWorld, simulateLandings } from '@cannon/physics';
import { shotColumnsOf, type AimerDomain, type InputField } from '../conditions.js';
import { controlsOf } from '../controls.js';
import type { Decoder } from '../metadata.js';

const GRAVITY = defaultWorld.gravity;

/** The default weight of the preference for slow shots, in 1/s² (see `aimingLoss`). */
export const SPEED_PENALTY = 1e-5;

/** The default pull of each angle up the range at its own speed, in m (see `aimingLoss`). */
export const RIDGE_PULL = 0.2;

/** The most a miss is weighted for a landing that barely moves with the raw speed output (see `aimingLoss`). */
const MAX_MISS_WEIGHT = 10;

/** The targets and conditions of a batch, one column each. */
export type AimingBatch = Record<InputField, ArrayLike<number>>;

/**
 * The training loss of an aimer, for the network's raw outputs [n, 2]: the physics is the decoder of an
 * autoencoder from targets to targets.
 *
 *   mean w·(landing − target)²  +  speedPenalty · mean speed²  +  mean climb²
 *
 * with speed = maxSpeed·σ(o₀) and angle = (π/2)·σ(o₁). The inverse is not unique (a low and a high arc,
 * and every speed above the slowest); the slowest shot is the one on the ridge of maximum range, whose angle
 * reaches farthest at its speed (∂landing/∂angle = 0). The miss hardly tells (it barely changes along the
 * ridge), nor does a speed penalty small enough not to shorten the landings, so the angle also climbs the
 * range at its own speed: its gradient gets −ridgePull·∂landing/∂angle (0.2 m by default), which vanishes
 * on the ridge and so biases nothing (it adds nothing to the loss's value). The speed penalty (1e-5 by
 * default: it shortens a landing by about speedPenalty·g/2, 0.05 mm in vacuum) only breaks ties.
 *
 * Each miss is weighted by w = min(10, mean g / g), g = |∂landing/∂o₀| over the batch's landings (w held
 * constant): the miss's gradient on o₀ becomes the miss times one gain for the whole batch, so that a shot
 * whose landing barely moves with o₀ (a short target, a speed near maxSpeed where σ saturates) is learned as
 * fast as any. A shot that never comes down through the target height has no landing to compare: it is
 * pushed to climb instead, by the shortfall of its vacuum apex below half a metre above the target
 * (climb = relu(0.5 − apex)).
 *
 * One op: the loss and its gradient with respect to the raw outputs are computed together in one pass,
 * from the decoder's exact derivatives (the closed form's, or @cannon/physics's), rather than as some
 * thirty TensorFlow.js kernels each way: on the wasm backend each kernel costs tens of microseconds.
 */
export function aimingLoss(raw: tf.Tensor2D, batch: AimingBatch, domain: AimerDomain, decoder: Decoder, speedPenalty = SPEED_PENALTY, ridgePull = RIDGE_PULL): tf.Scalar {
  const op = (outputs: tf.Tensor, save: tf.GradSaveFunc) => {
    const { loss, gradient } = lossAndGradient(outputs.dataSync(), batch, domain, decoder, speedPenalty, ridgePull);
    save([tf.tensor2d(gradient, [gradient.length / 2, 2])]);
    return { value: tf.scalar(loss), gradFunc: (dy: tf.Tensor, [perOutput]: tf.Tensor[]) => tf.mul(dy, perOutput) };
  };
  const lossOf = tf.customGrad(op as unknown as Parameters<typeof tf.customGrad>[0]);
  return lossOf(raw) as tf.Scalar;
}

function lossAndGradient(raw: ArrayLike<number>, batch: AimingBatch, domain: AimerDomain, decoder: Decoder, speedPenalty: number, ridgePull: number): { loss: number; gradient: Float32Array } {
  const n = raw.length / 2;
  const { maxSpeed } = domain;
  const speed = new Float64Array(n);
  const angle = new Float64Array(n);
  const speedPerRaw = new Float64Array(n);
  const anglePerRaw = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const controls = controlsOf(raw[2 * i], raw[2 * i + 1], maxSpeed);
    speed[i] = controls.speed;
    angle[i] = controls.angle;
    speedPerRaw[i] = controls.speedPerRaw;
    anglePerRaw[i] = controls.anglePerRaw;
  }
  let landing: ArrayLike<number>;
  let perSpeed: ArrayLike<number>;
  let perAngle: ArrayLike<number>;
  if (decoder === 'vacuum') {
    const d = new Float64Array(n);
    const ds = new Float64Array(n);
    const da = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = speed[i];
      const s2 = Math.sin(2 * angle[i]);
      d[i] = (v * v * s2) / GRAVITY;
      ds[i] = (2 * v * s2) / GRAVITY;
      da[i] = (2 * v * v * Math.cos(2 * angle[i])) / GRAVITY;
    }
    [landing, perSpeed, perAngle] = [d, ds, da];
  } else {
    const { distance, partials } = simulateLandings(shotColumnsOf(speed, angle, batch), n, ['speed', 'angle']);
    [landing, perSpeed, perAngle] = [distance, partials.speed!, partials.angle!];
  }
  // g = |∂landing/∂o₀| of each landing, and its mean over the batch: the misses' weights.
  const gain = new Float64Array(n);
  let meanGain = 0;
  let landed = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(landing[i])) continue;
    gain[i] = Math.abs(perSpeed[i] * speedPerRaw[i]);
    meanGain += gain[i];
    landed++;
  }
  meanGain /= Math.max(1, landed);
  let loss = 0;
  const gradient = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const v = speed[i];
    const a = angle[i];
    let dLdv = 2 * speedPenalty * v;
    let dLda = 0;
    loss += speedPenalty * v * v;
    if (!Number.isNaN(landing[i])) {
      const miss = landing[i] - batch.target[i];
      const weight = meanGain > 0 ? Math.min(MAX_MISS_WEIGHT, meanGain / gain[i]) : 1;
      loss += weight * miss * miss;
      dLdv += 2 * weight * miss * perSpeed[i];
      dLda += 2 * weight * miss * perAngle[i] - ridgePull * perAngle[i];
    } else {
      const sin = Math.sin(a);
      const climb = Math.max(0, 0.5 - ((v * sin) ** 2 / (2 * GRAVITY) - batch.heightDifference[i]));
      loss += climb * climb;
      // ∂apex/∂v = v·sin²a/g, ∂apex/∂a = v²·sin a·cos a/g; the climb falls as the apex rises.
      dLdv -= (2 * climb * v * sin * sin) / GRAVITY;
      dLda -= (2 * climb * v * v * sin * Math.cos(a)) / GRAVITY;
    }
    gradient[2 * i] = (dLdv * speedPerRaw[i]) / n;
    gradient[2 * i + 1] = (dLda * anglePerRaw[i]) / n;
  }
  return { loss: loss / n, gradient };
}
