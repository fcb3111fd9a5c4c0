import { BackendError, checkInteger } from '@cannon/errors';
import { receivedError, type SentError } from './sent.js';

/**
 * How to start a worker of a pool. Bundlers bundle a worker only where they see the literal
 * `new Worker(new URL('./x-worker.js', import.meta.url), { type: 'module' })`, so that line lives in the package
 * that ships the worker, as `web`; Node is given the module's URL.
 */
export interface WorkerSource {
  /** The worker module's URL, for Node's worker_threads. */
  node: () => URL | string;
  /** A module Web Worker running it, for a browser. */
  web: () => Worker;
}

export interface ThreadPoolOptions {
  /** What the pool is called in its errors: "a worker of the aim pool failed (…)". */
  name: string;
  source: WorkerSource;
  /** Worker threads to start. Default: the cores (os.availableParallelism() in Node, navigator.hardwareConcurrency in a browser). */
  workers?: number;
}

/** A message and the buffers it hands over (they are detached on this side once it is sent). */
export interface Posting<Request> {
  request: Request;
  transfer?: ArrayBuffer[];
}

/** Worker threads started once and reused; made by `createThreadPool`. */
export interface ThreadPool<Request, Reply> {
  readonly workers: number;
  /**
   * Runs a task on the next free worker: `post(worker)` builds its message when worker number `worker`
   * (0 to workers − 1) takes it, so that what a worker has already been sent can be left out. Resolves with the
   * worker's reply; rejects with the error the worker threw (the same class, fields and message), or with a
   * BackendError when a worker fails, which terminates the pool. A task whose `withdrawn()` is true when its
   * turn comes is not run, and never settles.
   */
  run(post: (worker: number) => Posting<Request>, withdrawn?: () => boolean): Promise<Reply>;
  /** Stops every worker; tasks not yet answered reject. Resolves once all have stopped. */
  terminate(): Promise<void>;
}

/** What a worker of a pool says: ready (or why not), then one answer per task. */
export type ThreadMessage<Reply> = { ready: true } | { ready: false; error: SentError } | { id: number; ok: true; reply: Reply } | { id: number; ok: false; error: SentError };

/** What a pool sends a worker: a task and its number. */
export interface ThreadTask<Request> {
  id: number;
  request: Request;
}

/** A worker thread, Node's or the browser's, as the pool drives it. */
interface Thread {
  index: number;
  post(message: unknown, transfer: ArrayBuffer[]): void;
  /** Keeps a Node process alive while the thread has work (idle workers do not hold it open). */
  busy(busy: boolean): void;
  terminate(): Promise<void>;
}

interface Task<Request, Reply> {
  post: (worker: number) => Posting<Request>;
  withdrawn?: () => boolean;
  id: number;
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
}

/**
 * Tasks a thread is given at once: the next is already waiting when it answers one, so that it does not sit idle
 * while the answer travels and the next task is posted.
 */
const IN_FLIGHT = 2;

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
// Under a name a browser bundler does not try to resolve: a browser never imports it.
const WORKER_THREADS = 'node:worker_threads';
const OS = 'node:os';

/**
 * Starts `workers` worker threads (worker_threads in Node, module Web Workers in a browser) that serve tasks
 * (see `serveThread`). Resolves once every one is ready; rejects with a BackendError, leaving nothing running,
 * when one cannot start.
 */
export async function createThreadPool<Request, Reply>({ name, source, workers }: ThreadPoolOptions): Promise<ThreadPool<Request, Reply>> {
  const count = workers === undefined ? await defaultWorkers() : checkInteger('workers', workers, { min: 1, max: 256 });
  const queue: Task<Request, Reply>[] = [];
  /** Each thread's tasks posted and not yet answered, in the order it answers them. */
  const running = new Map<Thread, Task<Request, Reply>[]>();
  let nextId = 0;
  let stopped: Error | null = null;
  let threads: Thread[] = [];

  const stop = async (reason: Error) => {
    if (stopped) return;
    stopped = reason;
    for (const task of [...queue, ...[...running.values()].flat()]) task.reject(reason);
    queue.length = 0;
    running.clear();
    await Promise.all(threads.map((thread) => thread.terminate().catch(() => {})));
  };

  /** The thread with the fewest tasks in hand, if it has room for one more. */
  const freest = (): Thread | undefined => {
    let best: Thread | undefined;
    for (const thread of threads) if (running.get(thread)!.length < IN_FLIGHT && (!best || running.get(thread)!.length < running.get(best)!.length)) best = thread;
    return best;
  };

  const dispatch = () => {
    let thread: Thread | undefined;
    while (!stopped && queue.length > 0 && (thread = freest())) {
      const task = queue.shift()!;
      if (task.withdrawn?.()) continue;
      let posting: Posting<Request>;
      try {
        posting = task.post(thread.index);
      } catch (error) {
        task.reject(error as Error);
        continue;
      }
      running.get(thread)!.push(task);
      thread.busy(true);
      thread.post({ id: task.id, request: posting.request } satisfies ThreadTask<Request>, posting.transfer ?? []);
    }
  };

  const received = (thread: Thread, message: ThreadMessage<Reply>) => {
    if ('ready' in message) return;
    const tasks = running.get(thread);
    const task = tasks?.[0];
    if (!task || task.id !== message.id) return;
    tasks.shift();
    if (tasks.length === 0) thread.busy(false);
    if (message.ok) task.resolve(message.reply);
    else task.reject(receivedError(message.error));
    dispatch();
  };

  const failed = (why: string) => void stop(new BackendError(`a worker of the ${name} failed (${why}); the pool is terminated: create another`));

  const started = await Promise.allSettled(Array.from({ length: count }, (_, index) => startThread(index, name, source, received, failed)));
  threads = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const refusal = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (refusal) {
    await Promise.all(threads.map((thread) => thread.terminate().catch(() => {})));
    throw refusal.reason;
  }
  for (const thread of threads) running.set(thread, []);

  return {
    workers: count,
    run(post, withdrawn) {
      if (stopped) return Promise.reject(stopped);
      return new Promise<Reply>((resolve, reject) => {
        queue.push({ post, withdrawn, id: nextId++, resolve, reject });
        dispatch();
      });
    },
    async terminate() {
      await stop(new BackendError(`the ${name} was terminated`));
    },
  };
}

/** The cores: os.availableParallelism() in Node, navigator.hardwareConcurrency in a browser. */
export async function defaultWorkers(): Promise<number> {
  if (isNode) {
    const os = (await import(/* @vite-ignore */ OS)) as typeof import('node:os');
    return os.availableParallelism?.() ?? os.cpus().length;
  }
  return Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 1);
}

type OnMessage = (thread: Thread, message: ThreadMessage<never>) => void;

/** Starts a worker and resolves once it says it is ready. */
function startThread(index: number, name: string, source: WorkerSource, received: OnMessage, failed: (why: string) => void): Promise<Thread> {
  return new Promise<Thread>((resolve, reject) => {
    let ready = false;
    let ending = false;
    const refused = (why: string) => reject(new BackendError(`a worker of the ${name} could not start (${why})`));
    const onMessage: OnMessage = (thread, message) => {
      if ('ready' in message && !ready) {
        if (message.ready) {
          ready = true;
          resolve(thread);
        } else {
          ending = true;
          void thread.terminate();
          refused(`${message.error.name}: ${message.error.message}`);
        }
      } else received(thread, message);
    };
    const onFailure = (thread: Thread, why: string) => {
      if (ending) return;
      ending = true;
      if (!ready) {
        void thread.terminate();
        refused(why);
      } else failed(why);
    };
    const end = () => (ending = true);
    if (isNode) startNodeThread(index, source, onMessage, onFailure, end).catch((error: Error) => refused(error.message));
    else {
      try {
        startWebThread(index, source, onMessage, onFailure, end);
      } catch (error) {
        refused((error as Error).message);
      }
    }
  });
}

async function startNodeThread(index: number, source: WorkerSource, onMessage: OnMessage, onFailure: (thread: Thread, why: string) => void, ending: () => void): Promise<void> {
  const { Worker } = (await import(/* @vite-ignore */ WORKER_THREADS)) as typeof import('node:worker_threads');
  const worker = new Worker(source.node());
  const thread: Thread = {
    index,
    post: (message, transfer) => worker.postMessage(message, transfer),
    busy: (busy) => (busy ? worker.ref() : worker.unref()),
    terminate: async () => {
      ending();
      await worker.terminate();
    },
  };
  worker.on('message', (message: ThreadMessage<never>) => onMessage(thread, message));
  worker.on('error', (error) => onFailure(thread, error.message));
  worker.on('messageerror', (error) => onFailure(thread, `a message could not be read: ${error.message}`));
  worker.on('exit', (code) => onFailure(thread, `it exited with code ${code}`));
}

function startWebThread(index: number, source: WorkerSource, onMessage: OnMessage, onFailure: (thread: Thread, why: string) => void, ending: () => void): void {
  const worker = source.web();
  const thread: Thread = {
    index,
    post: (message, transfer) => worker.postMessage(message, transfer),
    busy: () => {},
    terminate: async () => {
      ending();
      worker.terminate();
    },
  };
  worker.onmessage = (event: MessageEvent<ThreadMessage<never>>) => onMessage(thread, event.data);
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    onFailure(thread, event.message || 'its module could not be loaded');
  };
  worker.onmessageerror = () => onFailure(thread, 'a message could not be read');
}
