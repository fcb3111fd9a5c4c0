import { bytesFromBase64 } from '@cannon/embedded';
import { createAimer, type Aimer } from './aimer.js';
import type { Conditions } from './conditions.js';
import { InvalidInputError } from '@cannon/errors';
import { checkAimerMetadata } from './metadata.js';
// Generated from models/ by scripts/embed-models.mjs (`generate`, which `pnpm install` runs at the root); not in git.
import { shippedModels } from './shipped-models.generated.js';

export type ShippedAimerName = 'vacuum' | 'field';

const loaded = new Map<string, Aimer>();

/** A shipped aimer (made by scripts/train-shipped.mjs, embedded in the package), built on first use and kept. */
export function shippedAimer(name: ShippedAimerName): Aimer {
  const cached = typeof name === 'string' ? loaded.get(name) : undefined;
  if (cached) return cached;
  const shipped = typeof name === 'string' && Object.hasOwn(shippedModels, name) ? shippedModels[name] : undefined;
  if (!shipped) throw new InvalidInputError('name', `the name of a shipped aimer (${Object.keys(shippedModels).join(', ')})`, name);
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
