// The site's worker: the jobs that need TensorFlow.js, off the page's main thread. It starts its own wasm
// backend (with threads where the page is cross-origin isolated), runs one job at a time and reports
// progress as messages. It keeps the surrogate it trained last, to answer questions about it.
import type { Surrogate } from '@cannon/surrogate';
import { startBackend } from './backend';
import { loadSurfaces } from './surfaces';
import type { Jobs, JobName, TrainedSurrogate, WorkerMessage, WorkerRequest } from './training';

const post = (message: WorkerMessage) => (self as unknown as Worker).postMessage(message);
const failure = (error: unknown) => (error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? error));

/** The surrogate trained or loaded last, kept for the loss surface and descents the page asks for. */
let surrogate: Surrogate | null = null;

type Handler<J extends JobName> = (options: Jobs[J]['options'], report: (progress: Jobs[J]['progress']) => void) => Promise<Jobs[J]['result']>;

const jobs: { [J in JobName]: Handler<J> } = {
  async 'train-aimer'({ probeSamples, ...options }, report) {
    const [{ aimerError }, { trainAimer }] = await Promise.all([import('@cannon/inverse'), import('@cannon/inverse/tensor')]);
    const aimer = await trainAimer({
      ...options,
      onProgress: ({ step, steps, loss, seconds, aimer: current }) => {
        // The aimer's own shots, before any refinement, checked by the physics over its domain.
        const { p50, p95 } = aimerError(current, { samples: probeSamples });
        report({ step, steps, loss, seconds, p50, p95, aimer: { metadata: current.metadata, parameters: current.parameters } });
      },
    });
    return { metadata: aimer.metadata, parameters: aimer.parameters };
  },

  async 'train-surrogate'({ data, seed }, report) {
    const { trainSurrogate } = await import('@cannon/surrogate');
    forgetSurrogate();
    const started = performance.now();
    const trained = await trainSurrogate({
      data,
      seed,
      onProgress: (progress) => report({ ...progress, seconds: (performance.now() - started) / 1000 }),
    });
    return keepSurrogate(trained, started);
  },

  async 'load-surrogate'({ url }) {
    const { loadSurrogate } = await import('@cannon/surrogate');
    forgetSurrogate();
    const started = performance.now();
    return keepSurrogate(await loadSurrogate(url), started);
  },

  async 'surrogate-loss'({ target }) {
    const [{ tensorModel }, surfaces] = await Promise.all([import('@cannon/optimize/tensor'), loadSurfaces()]);
    const model = tensorModel(trainedSurrogate().forward);
    return { surface: surfaces.lossSurface(model, target), curve: surfaces.curveOfMinima(model, target) };
  },

  async 'surrogate-worst-start'({ target }) {
    // The article's moment, found rather than staged: of starts across the plane, the one whose descent through
    // the network stops within the tolerance by the network's measure and misses the most in truth. Descents still
    // moving after 1000 steps are left out, so that the search takes seconds, not minutes.
    const [{ tensorModel }, surfaces] = await Promise.all([import('@cannon/optimize/tensor'), loadSurfaces()]);
    const model = tensorModel(trainedSurrogate().forward);
    let worst: { start: { speed: number; angle: number }; miss: number } | null = null;
    for (let speed = 1; speed <= 10; speed += 1.5) {
      for (let degrees = 10; degrees <= 80; degrees += 10) {
        const start = { speed, angle: (degrees * Math.PI) / 180 };
        const solution = surfaces.descend(model, target, start, 'gradient-descent', {}, 1000);
        if (solution.converged && Number.isFinite(solution.trueError) && (worst === null || solution.trueError > worst.miss)) worst = { start, miss: solution.trueError };
      }
    }
    return worst?.start ?? null;
  },

  async 'surrogate-descent'({ target, start }) {
    const [{ tensorModel }, surfaces] = await Promise.all([import('@cannon/optimize/tensor'), loadSurfaces()]);
    // Gradient descent through the network, as the article does; the truth is checked in its world (still air, flat ground).
    return surfaces.descend(tensorModel(trainedSurrogate().forward), target, start, 'gradient-descent');
  },

  async compare(options, report) {
    const { compareApproaches } = await import('@cannon/compare');
    return compareApproaches({ ...options, onProgress: report });
  },
};

function forgetSurrogate() {
  surrogate?.dispose();
  surrogate = null;
}

/** Keeps a surrogate for the questions to come, and describes it: how it was trained, how good it is, its landings. */
async function keepSurrogate(kept: Surrogate, started: number): Promise<TrainedSurrogate> {
  const seconds = (performance.now() - started) / 1000;
  const [{ heldOutError }, { tensorModel }, surfaces] = await Promise.all([import('@cannon/surrogate'), import('@cannon/optimize/tensor'), loadSurfaces()]);
  surrogate = kept;
  const { epochsRun, bestEpoch } = kept.metadata.training;
  return {
    epochsRun,
    bestEpoch,
    seconds,
    heldOut: heldOutError(kept),
    landings: surfaces.landings(tensorModel(kept.forward)),
  };
}

function trainedSurrogate(): Surrogate {
  if (!surrogate) throw new Error('no surrogate has been trained in this worker yet');
  return surrogate;
}

// One job at a time, in the order asked: a job's answer may depend on the one before (a surrogate trained).
let queue: Promise<unknown> = Promise.resolve();
let backend: Promise<unknown> = Promise.resolve();

self.onmessage = ({ data: request }: MessageEvent<WorkerRequest>) => {
  if (request.type === 'start') {
    backend = startBackend({ threads: request.threads }).then(
      (runtime) => post({ type: 'runtime', runtime }),
      (error: unknown) => {
        post({ type: 'failed', id: null, message: `TensorFlow.js could not start in the worker: ${failure(error)}` });
        throw error;
      },
    );
    return;
  }
  const { id, job, options } = request;
  const handler = jobs[job] as Handler<typeof job>;
  queue = queue
    .then(() => backend)
    .then(() => handler(options as never, (progress) => post({ type: 'progress', id, progress })))
    .then(
      (result) => post({ type: 'result', id, result }),
      (error: unknown) => post({ type: 'failed', id, message: failure(error) }),
    );
};
