// A worker of a landing pool (src/pool.ts), in Node (worker_threads) or a browser (a module Web Worker): it
// lands the slices of batches it is sent, as `simulateLandings` does on the calling thread.
import { serveThread } from '@cannon/threads';
import { flightKernel } from './kernel.js';
import type { LandingRequest } from './pool.js';
import { simulateLandings, type Landings } from './simulate.js';

serveThread<LandingRequest, Landings>({
  name: 'landing pool (createLandingPool)',
  prepare: () => void flightKernel(),
  answer({ columns, count, partialFields }) {
    const landings = simulateLandings(columns, count, partialFields);
    const { distance, flightTime, partials, unresolved } = landings;
    return { reply: landings, transfer: [distance, flightTime, unresolved, ...Object.values(partials)].map((column) => column!.buffer as ArrayBuffer) };
  },
});
