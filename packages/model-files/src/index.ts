// @cannon/model-files: keeping a trained network, on plain files (see ./tensor for TensorFlow.js layers models).
export { ModelFileError } from '@cannon/errors';
export { checkMetadataHead, MODEL_FILE, WEIGHTS_FILE, type ModelKind } from './kind.js';
export { isUrl, urlSource, type FileSource } from './sources.js';
export { directorySource, writeDirectoryAtomically } from './node-files.js';
