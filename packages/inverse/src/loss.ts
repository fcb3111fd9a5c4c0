import * as tf from '@tensorflow/tfjs';
import { landingTensor } from '@cannon/physics';
import { controls } from './controls.js';
import type { AimerDomain } from './domain.js';

const GRAVITY = 9.81;

/** How the network's controls become landings in training: the simulated physics, or the vacuum closed form v²·sin 2a/g (flat ground only). */
export type Decoder = 'physics' | 'vacuum';

/** The default weight of the preference for slow shots, in 1/s² (see `aimingLoss`). */
export const SPEED_PENALTY = 1e-4;

/**
 * The training loss of an aimer: the physics is the decoder of an autoencoder from targets to targets.
 *
 *   mean (landing − target)²  +  speedPenalty · mean speed²  +  mean climb²
 *
 * The inverse is not unique (a low and a high arc, and every speed above the slowest), so without a
 * preference the network wanders along the curve of solutions; the small speed penalty (1e-4 by default:
 * it moves a landing by well under a millimetre) makes it prefer the slowest shot. A shot that never
 * comes down through the target height has no landing to compare: it is pushed to climb instead, by the
 * shortfall of its vacuum apex below half a metre above the target.
 */
export function aimingLoss(raw: tf.Tensor2D, batch: AimingBatch, domain: AimerDomain, decoder: Decoder, speedPenalty = SPEED_PENALTY): tf.Scalar {
  return tf.tidy(() => {
    const { speed, angle } = controls(raw, domain.maxSpeed);
    const terms: tf.Scalar[] = [];
    if (decoder === 'vacuum') {
      // Every shot lands on flat ground in vacuum: the squared miss is the whole story.
      const landing = tf.div(tf.mul(tf.square(speed), tf.sin(tf.mul(angle, 2))), GRAVITY);
      terms.push(tf.mean(tf.squaredDifference(landing, batch.target)));
    } else {
      const { wind, drag, heightDifference } = batch;
      if (!wind || !drag || !heightDifference) throw new Error('the physics decoder needs the wind, drag and heightDifference of the batch');
      const landing = landingTensor(speed, angle, { wind, drag, launchHeight: 0, targetHeight: heightDifference });
      const landed = tf.isFinite(landing);
      const miss = tf.sub(tf.where(landed, landing, batch.target), batch.target);
      const verticalSpeed = tf.mul(speed, tf.sin(angle));
      const apexAboveTarget = tf.sub(tf.div(tf.square(verticalSpeed), 2 * GRAVITY), heightDifference);
      const climb = tf.where(landed, tf.zerosLike(speed), tf.relu(tf.sub(0.5, apexAboveTarget)));
      terms.push(tf.mean(tf.square(miss)), tf.mean(tf.square(climb)));
    }
    if (speedPenalty > 0) terms.push(tf.mul(speedPenalty, tf.mean(tf.square(speed))));
    return (terms.length === 1 ? terms[0] : tf.addN(terms)) as tf.Scalar;
  });
}

/** A batch of targets, and for the physics decoder their conditions. */
export interface AimingBatch {
  target: tf.Tensor1D;
  wind?: tf.Tensor1D;
  drag?: tf.Tensor1D;
  heightDifference?: tf.Tensor1D;
}
