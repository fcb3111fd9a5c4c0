// js-ballistics (npm), the JavaScript port of py-ballisticcalc: the peer calculator the drag tables and the air are
// held to. Its ES modules import without file extensions, which Node does not resolve, so it is bundled with
// esbuild first and imported from the bundle.
import { createRequire } from 'node:module';
import { build } from 'esbuild';

export interface JsBallistics {
  Table: Record<string, { Mach: number; CD: number }[]>;
  Atmo: new (options: { altitude?: unknown; pressure?: unknown; temperature?: unknown; humidity?: number }) => { densityRatio: number; mach: { In(unit: unknown): number } };
  UNew: Record<string, (value: number) => unknown>;
  Unit: Record<string, unknown>;
}

export async function loadJsBallistics(): Promise<JsBallistics> {
  const entry = createRequire(import.meta.url).resolve('js-ballistics');
  const bundle = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent' });
  const module = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);
  return { Table: module.Table, Atmo: module.Atmo, UNew: module.UNew, Unit: module.Unit };
}
