// @cannon/surrogate: a learned model of the world — a network that predicts where a shot lands, trained on @cannon/physics.
export { trainSurrogate } from './train.js';
export { defaultSurrogateOptions, activations, type Activation, type SurrogateOptions, type TrainingProgress } from './options.js';
export { createSurrogate, surrogateScaling, type Surrogate } from './surrogate.js';
export type { TensorForward } from './forward.js';
export { heldOutError } from './held-out.js';
export { SURROGATE_FILES, SURROGATE_FORMAT, SURROGATE_VERSION, surrogateNetworkSpec, type Scaling, type SurrogateMetadata, type TrainingRecord } from './metadata.js';
export { ModelFileError } from '@cannon/errors';
export { saveSurrogate } from './save.js';
export { loadSurrogate } from './load.js';
