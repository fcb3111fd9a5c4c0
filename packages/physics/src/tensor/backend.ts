import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { BackendError } from '@cannon/errors';
import { loadFlightKernel } from '../kernel.js';

export interface BackendOptions {
  /** 'wasm' (the default: WebAssembly with SIMD, threads where the platform allows) or 'cpu' (plain JavaScript). */
  backend?: 'wasm' | 'cpu';
  /**
   * Where the .wasm files are served from, for a bundled browser app: a URL prefix ending in '/', or a map
   * from file name (tfjs-backend-wasm.wasm, tfjs-backend-wasm-simd.wasm, tfjs-backend-wasm-threaded-simd.wasm)
   * to URL. Node finds them in the installed package without it.
   */
  wasmPaths?: string | Record<string, string>;
  /** Worker threads for the wasm backend where threads are available (cross-origin isolated pages). */
  threads?: number;
}

export interface BackendInfo {
  backend: 'wasm' | 'cpu';
  /** Whether the wasm backend runs its SIMD build. */
  simd: boolean;
  /** Threads the wasm backend computes on (1 without cross-origin isolation, and in Node). */
  threads: number;
  /** Whether the page is cross-origin isolated, as browsers require for threads (false in Node). */
  isolated: boolean;
}

/**
 * Selects the TensorFlow.js backend every @cannon package computes on, and waits until it and the
 * flight kernel are ready.
 * It never falls back to another backend: when the one asked for cannot start, it throws.
 */
export async function initializeBackend(options: BackendOptions = {}): Promise<BackendInfo> {
  const { backend = 'wasm', wasmPaths, threads } = options;
  if (backend !== 'wasm' && backend !== 'cpu') {
    throw new BackendError(`backend must be 'wasm' or 'cpu'; received ${JSON.stringify(backend)}`);
  }
  if (backend === 'wasm') {
    if (wasmPaths !== undefined) setWasmPaths(wasmPaths as never);
    if (threads !== undefined) setThreadsCount(threads);
  }
  // The flight kernel is WebAssembly of its own: compile it now, asynchronously, as a browser's main thread requires.
  await loadFlightKernel();
  let started = false;
  let cause: unknown;
  try {
    started = await tf.setBackend(backend);
    await tf.ready();
  } catch (error) {
    cause = error;
  }
  if (!started || tf.getBackend() !== backend) {
    const where = isNode()
      ? 'from the installed @tensorflow/tfjs-backend-wasm package'
      : "at the page's URL: serve the .wasm files of @tensorflow/tfjs-backend-wasm/dist and pass { wasmPaths }";
    // tfjs rejects with an Error, or with a plain { message } object when the .wasm file cannot be fetched.
    const message = (cause as { message?: unknown } | undefined)?.message;
    const reason = cause === undefined ? '' : `: ${typeof message === 'string' ? message : String(cause)}`;
    throw new BackendError(`the ${backend} backend of TensorFlow.js could not start${reason} (its .wasm files are looked up ${where})`);
  }
  const isolated = !isNode() && globalThis.crossOriginIsolated === true;
  if (backend === 'cpu') return { backend, simd: false, threads: 1, isolated };
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const multithread = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  return { backend, simd, threads: multithread && !isNode() ? getThreadsCount() : 1, isolated };
}

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}
