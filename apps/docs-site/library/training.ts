// Training in a Web Worker (library/training.worker.ts), seen from the page: a typed job with progress
// callbacks. The page never blocks on it; cancelling ends the worker.
import type { TrainAimerOptions } from '@cannon/inverse/tensor';
import type { RuntimeInfo } from './backend';

export interface AimerTrainingOptions extends Pick<TrainAimerOptions, 'domain' | 'steps' | 'hiddenLayers' | 'batchSize' | 'learningRate' | 'seed' | 'progressEvery'> {
  /** Conditions drawn from the domain to measure the aimer's miss at each progress report (aimerError's samples). */
  probeSamples: number;
}

/** One progress report: the batch loss (m²) and the aimer's unrefined true miss over its domain (m). */
export interface AimerTrainingProgress {
  step: number;
  steps: number;
  loss: number;
  seconds: number;
  p50: number;
  p95: number;
}

export interface TrainingRequest {
  job: 'train-aimer';
  options: AimerTrainingOptions;
  /** Threads for the worker's backend: the page's navigator.hardwareConcurrency. */
  threads: number;
}

export type TrainingMessage =
  | { type: 'runtime'; runtime: RuntimeInfo }
  | { type: 'progress'; progress: AimerTrainingProgress }
  | { type: 'done' }
  | { type: 'failed'; message: string };

export interface TrainingJob {
  /** The worker's backend, as it reports it. */
  runtime: Promise<RuntimeInfo>;
  /** Settles when the training ends: resolves when it finished or was cancelled, rejects when it failed. */
  finished: Promise<void>;
  cancel(): void;
}

/** Trains an aimer with `trainAimer` of @cannon/inverse in a worker, reporting progress with `aimerError`. */
export function trainAimerInWorker(options: AimerTrainingOptions, onProgress: (progress: AimerTrainingProgress) => void): TrainingJob {
  const worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'cannon-training' });
  let reportRuntime!: (runtime: RuntimeInfo) => void;
  let settle!: { resolve: () => void; reject: (error: Error) => void };
  const runtime = new Promise<RuntimeInfo>((resolve) => (reportRuntime = resolve));
  const finished = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const end = () => worker.terminate();
  worker.onmessage = ({ data }: MessageEvent<TrainingMessage>) => {
    if (data.type === 'runtime') reportRuntime(data.runtime);
    else if (data.type === 'progress') onProgress(data.progress);
    else if (data.type === 'done') {
      end();
      settle.resolve();
    } else {
      end();
      settle.reject(new Error(data.message));
    }
  };
  worker.onerror = (event) => {
    end();
    settle.reject(new Error(event.message || 'the training worker failed to start'));
  };
  const request: TrainingRequest = { job: 'train-aimer', options, threads: navigator.hardwareConcurrency ?? 1 };
  worker.postMessage(request);
  return {
    runtime,
    finished,
    cancel() {
      end();
      settle.resolve();
    },
  };
}
