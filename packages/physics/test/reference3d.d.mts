import type { AirConditions, DragTable } from '../src/index.js';

export interface ReferenceShot3d {
  speed: number;
  elevation: number;
  azimuth?: number;
  gravity?: number;
  drag?: number;
  wind?: [number, number];
  launchHeight?: number;
  targetHeight?: number;
  table?: DragTable;
  mass?: number;
  diameter?: number;
  formFactor?: number;
  conditions?: AirConditions;
  earth?: { latitude: number; bearing: number };
  /** The drag coefficient at a Mach number, in place of the table's. */
  dragLaw?: (mach: number) => number;
}

export interface ReferenceOptions {
  /** The relative and absolute tolerance of each step (default 1e-12; 1e-10 or tighter for a reference). */
  tolerance?: number;
}

/** A number in place of the options (the fixed step of the RK4 this replaced) is ignored. */
export function referenceImpact(shot: ReferenceShot3d, options?: ReferenceOptions | number): { x: number; y: number; time: number } | null;
