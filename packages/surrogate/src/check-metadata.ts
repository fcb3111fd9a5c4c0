import { checkMetadataHead } from '@cannon/model-files';
import { checkHiddenLayers } from '@cannon/network';
import { resolveWorld } from '@cannon/physics';
import { SURROGATE_FORMAT, SURROGATE_VERSION, type SurrogateMetadata } from './metadata.js';

/** Checks that `value`, read from `file`, is a surrogate.json this package can use; throws ModelFileError saying what is wrong. */
export function checkMetadata(value: unknown, file: string): SurrogateMetadata {
  const { metadata: m, fail } = checkMetadataHead<SurrogateMetadata>(value, file, { format: SURROGATE_FORMAT, version: SURROGATE_VERSION, kind: "a surrogate's", reader: '@cannon/surrogate' });
  if (JSON.stringify(m.inputs) !== '["speed","angle"]' || JSON.stringify(m.outputs) !== '["distance"]') {
    fail(`describes inputs ${JSON.stringify(m.inputs)} and outputs ${JSON.stringify(m.outputs)}; expected ["speed","angle"] and ["distance"]`);
  }
  const pair = (range: unknown) => Array.isArray(range) && range.length === 2 && range.every(Number.isFinite) && range[0] < range[1];
  if (!pair(m.speedRange) || !pair(m.angleRange)) fail('has no valid speedRange and angleRange (pairs [low, high])');
  const scaling = (s: unknown) => Number.isFinite((s as { offset?: unknown })?.offset) && Number.isFinite((s as { scale?: unknown })?.scale);
  if (!m.normalisation || !scaling(m.normalisation.speed) || !scaling(m.normalisation.angle) || !scaling(m.normalisation.distance)) {
    fail('has no valid normalisation (speed, angle and distance, each { offset, scale })');
  }
  if (typeof m.training !== 'object' || m.training === null) fail('has no training record');
  try {
    checkHiddenLayers(m.training!.hiddenLayers, 'training.hiddenLayers');
  } catch (error) {
    fail(`has an invalid ${(error as Error).message}`);
  }
  if (m.training!.activation !== 'tanh') fail(`has hidden layers of activation ${JSON.stringify(m.training!.activation)}; this @cannon/surrogate runs 'tanh' only`);
  try {
    return { ...(m as SurrogateMetadata), world: resolveWorld(m.world) };
  } catch (error) {
    return fail(`has an invalid world: ${(error as Error).message}`);
  }
}
