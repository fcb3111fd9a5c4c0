// What an aim pool (src/pool.ts) sends its workers (src/aim-worker.ts): numbers travel as typed arrays.
import type { AimOptions } from './aim.js';
import type { AimAtOptions } from './aim3d.js';
import type { AimWorld } from './aim3d-world.js';
import type { Aimer3dMetadata } from './aimer3d.js';
import type { SentError } from '@cannon/threads';
import type { AimAtColumns, SharedBatch, TargetColumns3d } from './columns3d.js';
import type { AimColumns } from './columns.js';
import type { AimerMetadata } from './metadata.js';

/** A slice of a 3D batch to aim (checked), its world and wishes, and the 3D aimer asked for (sent once per worker; null: the physics alone). */
export interface AimAtRequest {
  kind: 'aimAt';
  targets: TargetColumns3d;
  world: AimWorld;
  options: Omit<AimAtOptions, 'aimer'>;
  aimer?: { key: number; metadata?: Aimer3dMetadata; parameters?: Float32Array } | null;
}

/**
 * A 3D batch in shared memory (checked), to aim with the other workers: each takes the next rows until none is left,
 * and writes their answers in place.
 */
export interface SharedAimAtRequest extends Omit<AimAtRequest, 'kind' | 'targets'> {
  kind: 'aimAtShared';
  batch: SharedBatch;
}

/**
 * What a worker aimed of a shared batch: the names its answers' `aimer` indexes, and the first row of its earliest
 * block that failed with the error, if one did.
 */
export interface SharedAimAtReply {
  names: string[];
  failed?: { row: number; error: SentError };
}

export type PoolRequest = AimRequest | AimAtRequest | SharedAimAtRequest;
export type PoolReply = AimColumns | AimAtColumns | SharedAimAtReply;

/** A slice of a batch to aim, its conditions resolved, and the aimer asked for (sent once per worker). */
export interface AimRequest {
  kind?: 'aim';
  targets: Float64Array;
  wind: Float64Array;
  drag: Float64Array;
  heightDifference: Float64Array;
  options: Omit<AimOptions, 'aimer'>;
  aimer?: { key: number; metadata?: AimerMetadata; parameters?: Float32Array };
}
