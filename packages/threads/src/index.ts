// @cannon/threads: worker threads in Node and in the browser, started once and reused by every task.
export { createThreadPool, defaultWorkers, type Posting, type ThreadMessage, type ThreadPool, type ThreadPoolOptions, type ThreadTask, type WorkerSource } from './pool.js';
export { serveThread, type Answer } from './serve.js';
export { ownRows } from './rows.js';
export { receivedError, sentError, type SentError } from './sent.js';
