// @cannon/model-files: keeping a trained network, on plain files (see ./tensor for TensorFlow.js layers models).
export { ModelFileError } from '@cannon/errors';
export { checkMetadataHead, MODEL_FILE, WEIGHTS_FILE, type ModelKind } from './kind.js';
export { DEFAULT_TIMEOUT_SECONDS, isUrl, urlSource, type FileSource, type SourceOptions } from './sources.js';
export { directorySource, recoverInterruptedSave, writeDirectoryAtomically } from './node-files.js';
