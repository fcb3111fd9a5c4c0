export { ModelFileError } from './errors.js';
export { loadModelDirectory, MODEL_FILE, saveModelDirectory, WEIGHTS_FILE, type ModelKind } from './layers.js';
export { isUrl, urlSource, type FileSource } from './sources.js';
export { directorySource, writeDirectoryAtomically } from './node-files.js';
