// The aimer trained on the page (TrainAimer), for the figures that aim with it: kept for the visit, so that
// it is still there after a look at another page.
import { shallowRef } from 'vue';
import type { AimerParameters } from '../../library/training';

export interface TrainedAimer extends AimerParameters {
  /** Training steps it had when it was kept, and the seconds they took. */
  step: number;
  seconds: number;
  /** Its unrefined miss over the domain when it was kept: 95% of its shots land closer, m. */
  p95: number;
}

export const trainedAimer = shallowRef<TrainedAimer | null>(null);
