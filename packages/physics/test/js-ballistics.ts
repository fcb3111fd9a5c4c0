// js-ballistics (npm), the JavaScript port of py-ballisticcalc: the peer calculator the drag tables, the air and the
// three-dimensional shot are held to. Its ES modules import without file extensions, which Node does not resolve, so
// it is bundled with esbuild first and imported from the bundle.
import { createRequire } from 'node:module';
import { build } from 'esbuild';

/** A quantity in the peer's units: read it in one with `In(peer.Unit.X)`. */
export interface PeerMeasure {
  In(unit: unknown): number;
}

/** One row of the peer's trajectory. */
export interface PeerRow {
  /** s */
  time: number;
  distance: PeerMeasure;
  velocity: PeerMeasure;
  height: PeerMeasure;
  /** The path's angle to the horizontal. */
  angle: PeerMeasure;
  mach: number;
}

/** A drag table as the peer takes it. */
export type PeerTable = { Mach: number; CD: number }[];

export interface JsBallistics {
  Table: Record<string, PeerTable>;
  Atmo: {
    new (options: { altitude?: unknown; pressure?: unknown; temperature?: unknown; humidity?: number }): { densityRatio: number; mach: PeerMeasure };
    /** The ICAO standard atmosphere at an altitude, dry. */
    icao(options: { altitude?: unknown; temperature?: unknown }): { densityRatio: number; mach: PeerMeasure };
  };
  UNew: Record<string, (value: number) => unknown>;
  Unit: Record<string, unknown>;
  /** The calculator: `fire` flies a shot and returns its rows every `trajectoryStep` up to `trajectoryRange`. */
  Calculator: new () => { fire(options: { shot: unknown; trajectoryRange: unknown; trajectoryStep?: unknown }): { trajectory: PeerRow[] } };
  DragModel: new (options: { bc: number; dragTable: PeerTable; weight?: unknown; diameter?: unknown }) => unknown;
  Ammo: new (options: { dm: unknown; mv: unknown }) => unknown;
  Weapon: new (options: { sightHeight?: unknown; twist?: unknown; zeroElevation?: unknown }) => unknown;
  Shot: new (options: { weapon: unknown; ammo: unknown; atmo?: unknown; relativeAngle?: unknown; lookAngle?: unknown; cantAngle?: unknown }) => unknown;
  /** The integrator; `dragByMach(M)` is its drag per unit air speed at Mach M in standard air, 1/ft. */
  TrajectoryCalc: new (ammo: unknown) => { dragByMach(mach: number): number };
  /** Its step: the integrator moves calcStep = half of this along the range per step (default 0.5 ft). */
  setGlobalMaxCalcStepSize(value: unknown): void;
  resetGlobals(): void;
}

export async function loadJsBallistics(): Promise<JsBallistics> {
  const entry = createRequire(import.meta.url).resolve('js-ballistics');
  const bundle = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent' });
  const module = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);
  return {
    Table: module.Table,
    Atmo: module.Atmo,
    UNew: module.UNew,
    Unit: module.Unit,
    Calculator: module.default,
    DragModel: module.DragModel,
    Ammo: module.Ammo,
    Weapon: module.Weapon,
    Shot: module.Shot,
    TrajectoryCalc: module.TrajectoryCalc,
    setGlobalMaxCalcStepSize: module.setGlobalMaxCalcStepSize,
    resetGlobals: module.resetGlobals,
  };
}
