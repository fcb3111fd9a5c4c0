import { BackendError } from '@cannon/errors';
import { bytesFromBase64 } from '@cannon/embedded';
// Generated from kernel/ by ../embedded/scripts/embed-kernel.mjs (`generate`, which `pnpm install` runs at the root); not in git.
import { flightKernelBase64 } from './flight-kernel.generated.js';

/** The exports of the flight kernel (kernel/flight.ts, compiled to WebAssembly with SIMD). */
export interface FlightKernel {
  memory: WebAssembly.Memory;
  flyValues(count: number, input: number, output: number, maxSteps: number): void;
  flyLaunch(count: number, input: number, output: number, maxSteps: number): void;
  flyWorld(count: number, input: number, output: number, maxSteps: number): void;
  flyShot(count: number, input: number, output: number, maxSteps: number): void;
  trace(input: number, output: number, maxSteps: number, nodes: number): void;
  flyConstant3d(count: number, directions: number, input: number, output: number, maxSteps: number, rotating: boolean, crossing: boolean, floor: number): void;
  flyTable3d(count: number, directions: number, input: number, output: number, maxSteps: number, table: number, rotating: boolean): void;
  trace3d(input: number, output: number, maxSteps: number, table: number, rotating: boolean, nodes: number): void;
  prepareAir(): void;
  densityRatioAt(u: number): number;
  densityRatioPerUAt(): number;
  dragCoefficientAt(table: number, mach: number): number;
  dragCoefficientPerMachAt(): number;
  heapBase(): number;
}

/** f64 per shot record, in and out (see kernel/flight.ts). */
export const INPUT_SIZE = 14;
export const OUTPUT_SIZE = 35;
/** Where in an output record the kernel puts the impact's fraction θ of the last step (−1: none). */
export const THETA = 34;

let loaded: FlightKernel | null = null;

/**
 * The kernel, compiled on first use. Browsers may refuse to compile it synchronously on the main
 * thread; `loadFlightKernel` (which `initializeBackend` awaits) compiles it asynchronously beforehand.
 */
export function flightKernel(): FlightKernel {
  if (loaded) return loaded;
  try {
    loaded = new WebAssembly.Instance(new WebAssembly.Module(bytesFromBase64(flightKernelBase64) as BufferSource)).exports as unknown as FlightKernel;
  } catch (error) {
    throw new BackendError(`the flight kernel could not be compiled here synchronously (${(error as Error).message}): await initializeBackend() first`);
  }
  return loaded;
}

export async function loadFlightKernel(): Promise<FlightKernel> {
  if (!loaded) {
    const { instance } = await WebAssembly.instantiate(bytesFromBase64(flightKernelBase64) as BufferSource);
    loaded ??= instance.exports as unknown as FlightKernel;
  }
  return loaded;
}

/** A Float64Array view of `length` numbers of kernel memory at byte `offset`, growing the memory to fit. */
export function kernelView(kernel: FlightKernel, offset: number, length: number): Float64Array {
  const needed = offset + 8 * length;
  const { memory } = kernel;
  if (needed > memory.buffer.byteLength) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
  return new Float64Array(memory.buffer, offset, length);
}
