import { createAdam, type Adam } from '@cannon/adam';

/**
 * The rules that move a shot towards its target, one step per model evaluation. Each sees, for target i,
 * the point just evaluated, its residual r = landing − target and the Jacobian (∂landing/∂speed,
 * ∂landing/∂angle) there, and proposes the next point; the solver then keeps it inside the bounds.
 */
export interface StepRule {
  propose(i: number, at: Step, next: Float64Array): void;
  /**
   * Target i's last point has no landing: propose the next one and return true, or return false to let the
   * solver move towards a shot that lands.
   */
  retreat?(i: number, next: Float64Array): boolean;
}

/** What a rule sees of one evaluated point. */
export interface Step {
  speed: number;
  angle: number;
  residual: number;
  perSpeed: number;
  perAngle: number;
}

export type Method = 'gradient-descent' | 'adam' | 'gauss-newton';

/** The article's: plain gradient descent on the squared error (r²), in speed and angle as they are. */
export class GradientDescent implements StepRule {
  constructor(private readonly learningRate: number) {}

  propose(_i: number, at: Step, next: Float64Array): void {
    const scale = 2 * at.residual * this.learningRate;
    next[0] = at.speed - scale * at.perSpeed;
    next[1] = at.angle - scale * at.perAngle;
  }
}

/** Adam on the squared error, each target with its own moments (see `createAdam`). */
export class AdamRule implements StepRule {
  private readonly adams: (Adam | undefined)[] = [];
  private readonly gradient = new Float64Array(2);

  constructor(private readonly learningRate: number) {}

  propose(i: number, at: Step, next: Float64Array): void {
    const adam = (this.adams[i] ??= createAdam(2, { learningRate: this.learningRate }));
    this.gradient[0] = 2 * at.residual * at.perSpeed;
    this.gradient[1] = 2 * at.residual * at.perAngle;
    next[0] = at.speed;
    next[1] = at.angle;
    adam.update(next, this.gradient);
  }
}

/**
 * Gauss–Newton on the residual with Levenberg–Marquardt damping. One residual and two controls: the step is
 * the smallest (in speed/maxSpeed and angle/(π/2)) that zeroes the linearised residual, damped by μ,
 *   δp = −r·J / (|J|²·(1 + μ)),
 * so it walks straight onto the curve of solutions. A point that does not lower |r|, or has no landing at
 * all, is rejected: the rule goes back to the best point and raises μ (shorter steps); an accepted one lowers
 * it towards 0 (pure Gauss–Newton, which converges quadratically).
 */
export class GaussNewton implements StepRule {
  private readonly best: Float64Array; // per target: speed, angle, residual, ∂/∂speed, ∂/∂angle
  private readonly damping: Float64Array;

  constructor(private readonly maxSpeed: number, count: number) {
    this.best = new Float64Array(5 * count).fill(NaN);
    this.damping = new Float64Array(count);
  }

  propose(i: number, at: Step, next: Float64Array): void {
    const b = 5 * i;
    const best = this.best;
    if (Number.isNaN(best[b + 2]) || Math.abs(at.residual) < Math.abs(best[b + 2])) {
      best[b] = at.speed;
      best[b + 1] = at.angle;
      best[b + 2] = at.residual;
      best[b + 3] = at.perSpeed;
      best[b + 4] = at.perAngle;
      this.damping[i] /= 3;
    } else {
      this.damping[i] = this.damping[i] === 0 ? 1 : 4 * this.damping[i];
    }
    this.stepFromBest(i, next);
  }

  retreat(i: number, next: Float64Array): boolean {
    if (Number.isNaN(this.best[5 * i + 2])) return false;
    this.damping[i] = this.damping[i] === 0 ? 1 : 4 * this.damping[i];
    this.stepFromBest(i, next);
    return true;
  }

  private stepFromBest(i: number, next: Float64Array): void {
    const b = 5 * i;
    const best = this.best;
    const angleScale = Math.PI / 2;
    const js = best[b + 3] * this.maxSpeed;
    const ja = best[b + 4] * angleScale;
    const step = -best[b + 2] / ((js * js + ja * ja) * (1 + this.damping[i]));
    next[0] = best[b] + step * js * this.maxSpeed;
    next[1] = best[b + 1] + step * ja * angleScale;
  }
}
