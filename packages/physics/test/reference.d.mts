export interface ReferenceShot {
  speed: number;
  angle: number;
  gravity?: number;
  drag?: number;
  wind?: number;
  launchHeight?: number;
  targetHeight?: number;
}

export function referenceLanding(shot: ReferenceShot, dt?: number): number | null;

export function shotInPromisedBox(random: { between(min: number, max: number): number }): Required<ReferenceShot>;
