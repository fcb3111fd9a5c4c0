// The TensorFlow.js backend the site computes on: @cannon/physics's initializeBackend, with the wasm files
// served by the site itself, and as many threads as the browser grants. Started at most once per
// JavaScript realm (the page, or a worker); everything TensorFlow.js-dependent is imported lazily, so that
// a page that never needs the backend never loads it.
import type { BackendInfo } from '@cannon/physics/tensor';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** What really runs: the backend, its SIMD build, its threads, and whether the realm is cross-origin isolated. */
export type RuntimeInfo = BackendInfo;

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
  const { initializeBackend } = await import('@cannon/physics/tensor');
  const info = await initializeBackend({ backend: 'wasm', wasmPaths, threads });
  if (typeof document !== 'undefined') performance.mark('cannon:backend:ready');
  return info;
}
