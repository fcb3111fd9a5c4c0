// What an aim pool (src/pool.ts) sends its workers (src/aim-worker.ts): numbers travel as typed arrays.
import type { AimOptions } from './aim.js';
import type { AimerMetadata } from './metadata.js';

/** A slice of a batch to aim, its conditions resolved, and the aimer asked for (sent once per worker). */
export interface AimRequest {
  targets: Float64Array;
  wind: Float64Array;
  drag: Float64Array;
  heightDifference: Float64Array;
  options: Omit<AimOptions, 'aimer'>;
  aimer?: { key: number; metadata?: AimerMetadata; parameters?: Float32Array };
}
