/**
 * The bytes behind base64 text, as a module embeds a WebAssembly kernel or trained weights, so that they load
 * in Node and in a browser alike, with no fetch and no file system.
 */
export function bytesFromBase64(text: string): Uint8Array {
  // A plain loop: Uint8Array.from with a mapping function costs milliseconds here, on every start.
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
