// The surrogate page's worker and what it has learned, shared by the page's figures: the shots fired (on
// the page, by fire of @cannon/physics), the training as it goes, and the trained surrogate's answers. The
// worker lives while a figure of the page is mounted.
import { markRaw, onBeforeUnmount, reactive, shallowRef } from 'vue';
import type { RuntimeInfo } from '../../library/backend';
import { loadSurfaces, type FiredShot } from '../../library/surfaces';
import { LabEndedError, startLab, type Jobs, type Lab, type SurrogateTrainingProgress, type TrainedSurrogate } from '../../library/training';

export const SHOTS = 1000;

export interface SurrogateLabState {
  state: 'idle' | 'training' | 'trained' | 'failed';
  /** The shots being learned from, and how they were fired. */
  shots: FiredShot[];
  noise: number;
  seed: number;
  epochs: SurrogateTrainingProgress[];
  trained: TrainedSurrogate | null;
  runtime: RuntimeInfo | null;
  failure: string | null;
  /** Counts trainings, so that a figure knows to ask the new surrogate again. */
  generation: number;
}

const state = reactive<SurrogateLabState>({ state: 'idle', shots: [], noise: 0, seed: 0, epochs: [], trained: null, runtime: null, failure: null, generation: 0 });
const lab = shallowRef<Lab | null>(null);
let users = 0;

/** Fires SHOTS shots with Gaussian measurement noise (m) and trains a surrogate on them in a new worker. */
async function fireAndTrain(noise: number, seed: number): Promise<void> {
  lab.value?.end();
  const current = startLab();
  lab.value = current;
  const surfaces = await loadSurfaces();
  // Plain data, not reactive: the same array goes to the worker, which cannot receive a proxy.
  const shots = markRaw(surfaces.fire({ shots: SHOTS, noise, seed }));
  Object.assign(state, { state: 'training', shots, noise, seed, epochs: [], trained: null, failure: null });
  state.generation++;
  current.runtime.then((runtime) => (state.runtime = runtime)).catch(() => {});
  try {
    const trained = await current.run('train-surrogate', { data: shots, seed }, (progress) => (state.epochs = [...state.epochs, progress]));
    if (lab.value !== current) return;
    performance.mark('cannon:surrogate:trained');
    state.trained = markRaw(trained);
    state.state = 'trained';
  } catch (error) {
    if (lab.value !== current || error instanceof LabEndedError) return;
    state.failure = error instanceof Error ? error.message : String(error);
    state.state = 'failed';
  }
}

/** Asks the trained surrogate a question; null when the surrogate was replaced or the worker ended meanwhile. */
async function ask<J extends 'surrogate-loss' | 'surrogate-descent' | 'surrogate-worst-start'>(job: J, options: Jobs[J]['options']): Promise<Jobs[J]['result'] | null> {
  const current = lab.value;
  const generation = state.generation;
  if (!current || state.state !== 'trained') return null;
  try {
    const answer = await current.run(job, options);
    return generation === state.generation ? answer : null;
  } catch (error) {
    if (error instanceof LabEndedError || generation !== state.generation) return null;
    throw error;
  }
}

/** The page's lab, for a figure's setup: the worker ends when the last figure of the page unmounts. */
export function useSurrogateLab() {
  users++;
  onBeforeUnmount(() => {
    if (--users > 0) return;
    lab.value?.end();
    lab.value = null;
    Object.assign(state, { state: 'idle', shots: [], epochs: [], trained: null, runtime: null, failure: null });
  });
  return { lab: state, fireAndTrain, ask };
}
