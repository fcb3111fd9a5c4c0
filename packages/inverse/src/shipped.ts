import { bytesFromBase64 } from '@cannon/embedded';
import { createAimer, type Aimer } from './aimer.js';
import type { Conditions } from './conditions.js';
import { InvalidInputError } from '@cannon/errors';
import { checkAimerMetadata } from './metadata.js';
import { checkAimer3dMetadata, createAimer3d, type Aimer3d } from './aimer3d.js';
// Generated from models/ by scripts/embed-models.mjs (`generate`, which `pnpm install` runs at the root); not in git.
import { aim3d, field, vacuum } from './shipped-models.generated.js';

const shippedNames = ['vacuum', 'field'] as const;
const shippedModels: Record<string, { metadata: unknown; weights: string }> = { vacuum, field };
export type ShippedAimerName = (typeof shippedNames)[number];

const loaded = new Map<string, Aimer>();

/** A shipped aimer (made by scripts/train-shipped.mjs, embedded in the package), built on first use and kept. */
export function shippedAimer(name: ShippedAimerName): Aimer {
  const cached = typeof name === 'string' ? loaded.get(name) : undefined;
  if (cached) return cached;
  const shipped = typeof name === 'string' && (shippedNames as readonly string[]).includes(name) ? shippedModels[name] : undefined;
  if (!shipped) throw new InvalidInputError('name', `the name of a shipped aimer (${shippedNames.join(', ')})`, name);
  const metadata = checkAimerMetadata(shipped.metadata, `the shipped ${name} aimer`);
  const aimer = createAimer(metadata, new Float32Array(bytesFromBase64(shipped.weights).buffer));
  loaded.set(name, aimer);
  return aimer;
}

/** The shipped aimer for conditions: 'vacuum' in calm conditions (no wind, no drag, a level target), else 'field'. */
export function shippedAimerFor(conditions: Conditions): Aimer {
  const calm = conditions.wind === 0 && conditions.drag === 0 && conditions.heightDifference === 0;
  return shippedAimer(calm ? 'vacuum' : 'field');
}

let aimer3d: Aimer3d | undefined;

/**
 * The shipped 3D aimer (made by scripts/train-shipped.mjs, embedded in the package; its box is `aim3dDomain`), built on
 * first use and kept: `aimAt` asks it first for the slowest shot at a target in its box.
 */
export function shippedAimer3d(): Aimer3d {
  if (aimer3d) return aimer3d;
  const shipped = aim3d;
  const metadata = checkAimer3dMetadata(shipped.metadata, 'the shipped 3D aimer');
  return (aimer3d = createAimer3d(metadata, new Float32Array(bytesFromBase64(shipped.weights).buffer)));
}
