// A training job in a Web Worker, so that the page stays responsive while it trains: the worker starts its
// own wasm backend (with threads where the page is cross-origin isolated) and reports progress as messages.
import type { TrainingRequest, TrainingMessage } from './training';
import { startBackend } from './backend';

const post = (message: TrainingMessage) => (self as unknown as Worker).postMessage(message);

self.onmessage = async ({ data: request }: MessageEvent<TrainingRequest>) => {
  try {
    const runtime = await startBackend({ threads: request.threads });
    post({ type: 'runtime', runtime });
    const [{ aimerError }, { trainAimer }] = await Promise.all([import('@cannon/inverse'), import('@cannon/inverse/tensor')]);
    const { probeSamples, ...options } = request.options;
    await trainAimer({
      ...options,
      onProgress: ({ step, steps, loss, seconds, aimer: current }) => {
        // The aimer's own shots, before any refinement, checked by the physics over its domain.
        const { p50, p95 } = aimerError(current, { samples: probeSamples });
        post({ type: 'progress', progress: { step, steps, loss, seconds, p50, p95 } });
      },
    });
    post({ type: 'done' });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? error) });
  }
};
