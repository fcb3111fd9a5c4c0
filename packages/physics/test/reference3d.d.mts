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
}

export function referenceImpact(shot: ReferenceShot3d, dt?: number): { x: number; y: number; time: number } | null;
