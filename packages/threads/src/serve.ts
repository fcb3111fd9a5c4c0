import type { ThreadMessage, ThreadTask } from './pool.js';
import { sentError } from './sent.js';

/** A worker's answer to a task: the reply, and the buffers it hands over. */
export interface Answer<Reply> {
  reply: Reply;
  transfer?: ArrayBuffer[];
}

// Under a name a browser bundler does not try to resolve: the browser's worker never imports it.
const WORKER_THREADS = 'node:worker_threads';

interface WebWorkerScope {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

interface Channel {
  send(message: ThreadMessage<unknown>, transfer?: ArrayBuffer[]): void;
  listen(handle: (task: ThreadTask<unknown>) => void): void;
}

/**
 * Makes this module a worker of a thread pool, in Node (worker_threads) or a browser (a module Web Worker):
 * `prepare` runs first (load what every task needs, so that the first does not wait for it; throwing refuses
 * to start, and the pool's creation rejects saying why), then `answer` answers each task. An error it throws
 * is sent back and thrown by the pool's `run`, the same class with the same fields.
 */
export function serveThread<Request, Reply>({ name, prepare = () => {}, answer }: { name: string; prepare?: () => void; answer: (request: Request) => Answer<Reply> }): void {
  const serve = (channel: Channel) => {
    try {
      prepare();
    } catch (error) {
      channel.send({ ready: false, error: sentError(error) });
      return;
    }
    channel.listen(({ id, request }) => {
      let answered: Answer<Reply>;
      try {
        answered = answer(request as Request);
      } catch (error) {
        channel.send({ id, ok: false, error: sentError(error) });
        return;
      }
      channel.send({ id, ok: true, reply: answered.reply }, answered.transfer);
    });
    channel.send({ ready: true });
  };
  const web = (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== undefined ? (globalThis as unknown as WebWorkerScope) : null;
  if (web) {
    serve({ send: (message, transfer = []) => web.postMessage(message, transfer), listen: (handle) => web.addEventListener('message', (event) => handle(event.data as ThreadTask<unknown>)) });
    return;
  }
  void (import(/* @vite-ignore */ WORKER_THREADS) as Promise<typeof import('node:worker_threads')>).then(({ parentPort }) => {
    if (!parentPort) throw new Error(`this module runs only as a worker of the ${name}`);
    serve({ send: (message, transfer = []) => parentPort.postMessage(message, transfer), listen: (handle) => parentPort.on('message', handle) });
  });
}
