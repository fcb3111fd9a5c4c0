// The TensorFlow.js backend the site computes on: @cannon/physics's initializeBackend, with the wasm files
// served by the site itself, and as many threads as the browser grants. Started at most once per
// JavaScript realm (the page, or a worker); everything TensorFlow.js-dependent is imported lazily, so that
// a page that never needs the backend never loads it.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** What is really in use, read back from TensorFlow.js once the backend runs. */
export interface RuntimeInfo {
  /** tf.getBackend(): 'wasm'. */
  backend: string;
  /** Whether the wasm backend runs its SIMD build (WASM_HAS_SIMD_SUPPORT). */
  simd: boolean;
  /** Threads the wasm backend computes on (getThreadsCount of @tensorflow/tfjs-backend-wasm). */
  threads: number;
  /** Whether the realm is cross-origin isolated (without it, no SharedArrayBuffer and one thread). */
  isolated: boolean;
}

export const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
};

let started: Promise<RuntimeInfo> | undefined;

/**
 * Starts the wasm backend (once) and reports what runs. `threads` defaults to navigator.hardwareConcurrency:
 * tfjs-backend-wasm 4.22 would otherwise take half of it, and grants at most that half anyway (its backend.cc
 * caps the pool at hardwareConcurrency / 2, and at 8).
 */
export function startBackend({ threads }: { threads?: number } = {}): Promise<RuntimeInfo> {
  started ??= start(threads ?? navigator.hardwareConcurrency ?? 1);
  return started;
}

async function start(threads: number): Promise<RuntimeInfo> {
  // When TensorFlow.js starts loading, for the site's benchmark (a page should not wait for it).
  if (typeof document !== 'undefined') performance.mark('cannon:backend:start');
  const [{ initializeBackend }, tf, { getThreadsCount }] = await Promise.all([
    import('@cannon/physics/tensor'),
    import('@tensorflow/tfjs'),
    import('@tensorflow/tfjs-backend-wasm'),
  ]);
  await initializeBackend({ backend: 'wasm', wasmPaths, threads });
  return {
    backend: tf.getBackend(),
    simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')),
    threads: getThreadsCount(),
    isolated: globalThis.crossOriginIsolated === true,
  };
}
