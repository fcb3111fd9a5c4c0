// @cannon/embedded: bytes embedded in a module, back as bytes.
export { bytesFromBase64 } from './bytes.js';
