export { ModelFileError } from '@cannon/model-files';
