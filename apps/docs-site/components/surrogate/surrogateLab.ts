// The surrogate page's worker and what it has learned, shared by the page's figures: the shots fired (on
// the page, by fire of @cannon/physics), the training as it goes, and the trained surrogate's answers. The
// worker lives while a figure of the page is mounted. The first view loads the surrogate the site ships
// (scripts/train-first-surrogate.mjs trained it on the same shots), so that no reader waits for a training.
import { markRaw, onBeforeUnmount, reactive, shallowRef } from 'vue';
import { withBase } from 'vitepress';
import type { RuntimeInfo } from '../../library/backend';
import { loadSurfaces, type FiredShot, type Launch } from '../../library/surfaces';
import { LabEndedError, startLab, type Jobs, type Lab, type SurrogateTrainingProgress, type TrainedSurrogate } from '../../library/training';

export const SHOTS = 1000;

/** One epoch's losses (m²); `seconds` since training began, when it was trained on the page. */
export type EpochLosses = Omit<SurrogateTrainingProgress, 'seconds'> & { seconds?: number };

/** A descent to show: its target (m) and its start. */
export interface DescentStart {
  target: number;
  start: Launch;
}

/** What pages/public/first-surrogate.json records about the shipped surrogate. */
export interface FirstSurrogate {
  shots: { shots: number; noise: number; seed: number };
  seed: number;
  epochs: EpochLosses[];
  /** Found on it by the script: the descent that stops within 5 cm by its measure and misses most in truth. */
  moment: DescentStart;
  /** A start near a corner of the plane whose descent through it fails (and through the physics does not). */
  corner: DescentStart;
}

export interface SurrogateLabState {
  state: 'idle' | 'loading' | 'training' | 'trained' | 'failed';
  /** Where the surrogate came from: the site's shipped one, loaded, or one trained on the page. */
  source: 'shipped' | 'trained' | null;
  /** The shipped surrogate's record, while it is the one in use. */
  first: FirstSurrogate | null;
  /** The shots being learned from, and how they were fired. */
  shots: FiredShot[];
  noise: number;
  seed: number;
  epochs: EpochLosses[];
  trained: TrainedSurrogate | null;
  runtime: RuntimeInfo | null;
  failure: string | null;
  /** Counts trainings, so that a figure knows to ask the new surrogate again. */
  generation: number;
}

const state = reactive<SurrogateLabState>({ state: 'idle', source: null, first: null, shots: [], noise: 0, seed: 0, epochs: [], trained: null, runtime: null, failure: null, generation: 0 });
const lab = shallowRef<Lab | null>(null);
let users = 0;

/** A new worker, the page's from now on. */
function restartLab(): Lab {
  lab.value?.end();
  const current = startLab();
  lab.value = current;
  current.runtime.then((runtime) => (state.runtime = runtime)).catch(() => {});
  return current;
}

/** Runs the job that gives the worker its surrogate, and keeps its description; `mark` is the User Timing mark of success. */
async function settle(current: Lab, job: Promise<TrainedSurrogate>, mark: string): Promise<void> {
  try {
    const trained = await job;
    if (lab.value !== current) return;
    performance.mark(mark);
    state.trained = markRaw(trained);
    state.state = 'trained';
  } catch (error) {
    if (lab.value !== current || error instanceof LabEndedError) return;
    state.failure = error instanceof Error ? error.message : String(error);
    state.state = 'failed';
  }
}

/** Fires SHOTS shots with Gaussian measurement noise (m) and trains a surrogate on them in a new worker. */
async function fireAndTrain(noise: number, seed: number): Promise<void> {
  const current = restartLab();
  const surfaces = await loadSurfaces();
  // Plain data, not reactive: the same array goes to the worker, which cannot receive a proxy.
  const shots = markRaw(surfaces.fire({ shots: SHOTS, noise, seed }));
  Object.assign(state, { state: 'training', source: 'trained', first: null, shots, noise, seed, epochs: [], trained: null, failure: null });
  state.generation++;
  await settle(current, current.run('train-surrogate', { data: shots, seed }, (progress) => (state.epochs = [...state.epochs, progress])), 'cannon:surrogate:trained');
}

/** The first view: the shipped surrogate, loaded in a new worker, with the shots it learned from and its losses. */
async function loadFirst(): Promise<void> {
  const current = restartLab();
  Object.assign(state, { state: 'loading', source: 'shipped', first: null, shots: [], epochs: [], trained: null, failure: null });
  state.generation++;
  // The worker fetches the directory itself (loadSurrogate takes an http(s) URL) while the page fetches the record.
  const loaded = current.run('load-surrogate', { url: new URL(withBase('/first-surrogate'), location.href).href });
  loaded.catch(() => {}); // settled below, unless the record fails first
  try {
    const [surfaces, first] = await Promise.all([loadSurfaces(), fetchFirstSurrogate()]);
    if (lab.value !== current) return;
    Object.assign(state, { first: markRaw(first), shots: markRaw(surfaces.fire(first.shots)), noise: first.shots.noise, seed: first.shots.seed, epochs: first.epochs });
  } catch (error) {
    if (lab.value !== current) return;
    state.failure = error instanceof Error ? error.message : String(error);
    state.state = 'failed';
    return;
  }
  await settle(current, loaded, 'cannon:surrogate:loaded');
}

async function fetchFirstSurrogate(): Promise<FirstSurrogate> {
  const response = await fetch(withBase('/first-surrogate.json'));
  if (!response.ok) throw new Error(`first-surrogate.json could not be fetched: HTTP ${response.status}`);
  return (await response.json()) as FirstSurrogate;
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
    Object.assign(state, { state: 'idle', source: null, first: null, shots: [], epochs: [], trained: null, runtime: null, failure: null });
  });
  return { lab: state, fireAndTrain, loadFirst, ask };
}
