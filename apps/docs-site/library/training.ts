// The site's Web Worker (library/training.worker.ts), seen from the page: every job that needs TensorFlow.js
// runs there, so that the page stays responsive. A lab is one worker: it starts its own wasm backend, runs
// jobs one after another, and keeps what it trained (a surrogate) for the jobs that ask about it. Ending a
// lab ends the worker, and with it any training under way.
import type { AimerMetadata } from '@cannon/inverse';
import type { TrainAimerOptions } from '@cannon/inverse/tensor';
import type { Comparison, CompareOptions } from '@cannon/compare';
import type { Summary } from '@cannon/stats';
import type { RuntimeInfo } from './backend';
import type { CurvePoint, FiredShot, GridValues, Launch, LossSurface, Solution } from './surfaces';

export type { Comparison, Summary };

export interface AimerTrainingOptions extends Pick<TrainAimerOptions, 'domain' | 'steps' | 'hiddenLayers' | 'batchSize' | 'learningRate' | 'seed' | 'progressEvery'> {
  /** Conditions drawn from the domain to measure the aimer's miss at each progress report (aimerError's samples). */
  probeSamples: number;
}

/** An aimer as it can cross to the page: createAimer(metadata, parameters) of @cannon/inverse rebuilds it. */
export interface AimerParameters {
  metadata: AimerMetadata;
  parameters: Float32Array;
}

/** One progress report: the batch loss (m²), the aimer's unrefined true miss over its domain (m), and the aimer as it stands. */
export interface AimerTrainingProgress {
  step: number;
  steps: number;
  loss: number;
  seconds: number;
  p50: number;
  p95: number;
  aimer: AimerParameters;
}

export interface SurrogateTrainingOptions {
  /** The shots to learn from, as fire of @cannon/physics returned them. */
  data: FiredShot[];
  seed: number;
}

/** After each epoch: training and validation loss (m²). */
export interface SurrogateTrainingProgress {
  epoch: number;
  epochs: number;
  loss: number;
  validationLoss: number | null;
  seconds: number;
}

export interface TrainedSurrogate {
  epochsRun: number;
  bestEpoch: number;
  /** Seconds it took to train, or to load. */
  seconds: number;
  /** heldOutError of @cannon/surrogate: its miss against the physics on 1000 fresh shots, m. */
  heldOut: Summary;
  /** The surrogate's landing over the plane of controls, m. */
  landings: GridValues;
}

/** The surrogate's loss surface for a target, and the curve along its valley. */
export interface SurrogateLoss {
  surface: LossSurface;
  curve: CurvePoint[];
}

/** What the table of @cannon/compare is computing: training the surrogate, then each approach. */
export type ComparisonStage = Parameters<NonNullable<CompareOptions['onProgress']>>[0];

/** Every job: what it is asked, what it reports along the way, and what it answers. */
export interface Jobs {
  'train-aimer': { options: AimerTrainingOptions; progress: AimerTrainingProgress; result: AimerParameters };
  'train-surrogate': { options: SurrogateTrainingOptions; progress: SurrogateTrainingProgress; result: TrainedSurrogate };
  /** loadSurrogate of @cannon/surrogate from the URL of a saved surrogate's directory. */
  'load-surrogate': { options: { url: string }; progress: never; result: TrainedSurrogate };
  'surrogate-loss': { options: { target: number }; progress: never; result: SurrogateLoss };
  'surrogate-descent': { options: { target: number; start: Launch }; progress: never; result: Solution };
  'surrogate-worst-start': { options: { target: number }; progress: never; result: Launch | null };
  compare: { options: Omit<CompareOptions, 'onProgress'>; progress: ComparisonStage; result: Comparison };
}
export type JobName = keyof Jobs;

/** Page → worker. */
export type WorkerRequest = { type: 'start'; threads: number } | { [J in JobName]: { type: 'job'; id: number; job: J; options: Jobs[J]['options'] } }[JobName];

/** Worker → page. */
export type WorkerMessage =
  | { type: 'runtime'; runtime: RuntimeInfo }
  | { type: 'progress'; id: number; progress: Jobs[JobName]['progress'] }
  | { type: 'result'; id: number; result: Jobs[JobName]['result'] }
  | { type: 'failed'; id: number | null; message: string };

export interface Lab {
  /** The worker's backend, as it reports it. */
  runtime: Promise<RuntimeInfo>;
  /** Runs a job after those before it; rejects when it fails or the lab ends first. */
  run<J extends JobName>(job: J, options: Jobs[J]['options'], onProgress?: (progress: Jobs[J]['progress']) => void): Promise<Jobs[J]['result']>;
  /** Ends the worker, and every job with it. */
  end(): void;
  readonly ended: boolean;
}

/** Starts a worker with a wasm backend of its own, on as many threads as the page's cores (threads when isolated). */
export function startLab(): Lab {
  const worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'cannon-lab' });
  const pending = new Map<number, { resolve: (result: never) => void; reject: (error: Error) => void; onProgress?: (progress: never) => void }>();
  let nextId = 1;
  let ended = false;
  let reportRuntime!: (runtime: RuntimeInfo) => void;
  let failRuntime!: (error: Error) => void;
  const runtime = new Promise<RuntimeInfo>((resolve, reject) => ((reportRuntime = resolve), (failRuntime = reject)));
  runtime.catch(() => {}); // a page that never asks need not hear of it

  const end = (reason: Error | null) => {
    if (ended) return;
    ended = true;
    worker.terminate();
    const error = reason ?? new LabEndedError();
    failRuntime(error);
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  };
  worker.onmessage = ({ data }: MessageEvent<WorkerMessage>) => {
    if (data.type === 'runtime') return reportRuntime(data.runtime);
    if (data.type === 'failed' && data.id === null) return end(new Error(data.message));
    const job = pending.get(data.id as number);
    if (!job) return;
    if (data.type === 'progress') job.onProgress?.(data.progress as never);
    else {
      pending.delete(data.id as number);
      if (data.type === 'result') job.resolve(data.result as never);
      else job.reject(new Error(data.message));
    }
  };
  worker.onerror = (event) => end(new Error(event.message || 'the worker failed to start'));
  worker.postMessage({ type: 'start', threads: navigator.hardwareConcurrency ?? 1 } satisfies WorkerRequest);

  return {
    runtime,
    run(job, options, onProgress) {
      if (ended) return Promise.reject(new LabEndedError());
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, onProgress: onProgress as ((progress: never) => void) | undefined });
        worker.postMessage({ type: 'job', id, job, options } as WorkerRequest);
      });
    },
    end: () => end(null),
    get ended() {
      return ended;
    },
  };
}

/** A job that never finished because its lab was ended (the reader stopped it, or left the page). */
export class LabEndedError extends Error {
  constructor() {
    super('the worker was stopped');
    this.name = 'LabEndedError';
  }
}
