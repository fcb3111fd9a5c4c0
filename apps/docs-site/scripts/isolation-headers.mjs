// The response headers that make a page cross-origin isolated (crossOriginIsolated === true), so that
// SharedArrayBuffer exists and the TensorFlow.js wasm backend may run on threads. The dev server, the
// preview server and any static host of the site send them with every response.
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
