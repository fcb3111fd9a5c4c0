// The roofline of the flight kernel: this machine's peak f64 flop/s on one thread of WebAssembly SIMD, and the
// flops one shot costs in the kernel (kernel/flight.ts, kernel/dynamics.ts), counted from its source.
//
//   import { FLOPS_PER_STEP, peakFlops } from './roofline.mjs';
//
// The peak is measured by a tiny module, assembled here byte by byte: a loop over independent f64x2
// accumulators, a ← a·b + c, with the fused f64x2.relaxed_madd where the engine has relaxed SIMD (one
// instruction, 4 flops) and f64x2.mul then f64x2.add otherwise (the kernel's own pair, 4 flops in two). The
// accumulators are independent, so the loop is bound by the arithmetic units' throughput, not by latency;
// the best of a few widths and runs is the peak.

/**
 * Flops per RK4 step of one shot, as the kernel's source executes them. Counted: add, sub, mul, div, sqrt
 * (1 each; a madd, a + b·c, is 2); not counted: neg, splat, lane moves, compares, selects.
 *
 * value (flyValues), per step:
 *   every stage: rx = ux − w 1; s = √(rx² + uy²) 4; ax = −(k·rx)·s 2; ay = −g − (k·uy)·s 3            → 10
 *   first stage: u = v0 + 0 (x, y) 2; w = 0 + a, p = w (x, y) 2                                  → 14
 *   middle stages: c = dt/2 1; u = v0 + c·k (x, y) 4; w += 2·a (x, y) 4; p += a (x, y) 2         → 21 ×2 = 42
 *   last stage: u = v0 + dt·k (x, y) 4; w += a (x, y) 2                                          → 16
 *   the step: x = x0 + dt·vx0 + h2·px (and y) 8; v = v0 + h6·w (x, y) 4                          → 12
 *   value: 84 per step (the step counter and the stop's compares are not counted).
 * with sensitivities (flyPairs), the value's part, the same stages with c = offset·dt in each and w += weight·a
 *   as a madd: stages 21, 21, 21, 19 (no p in the last), and the step 12 → 94.
 * launch sensitivities (flyLaunch), per stage on top of the value's:
 *   1/s 1; ∂ax/∂vx = −k·(s + rx²/s) 4; ∂ax/∂vy = −(k·rx)·(uy/s) 3; ∂ay/∂vy 4              → 12
 *   per direction: δu = δv0 + c·δk (x, y) 4; δk = J·δu (x, y) 6                           → 10 ×3 = 30
 *   the step-size direction: δu += offset·k (x, y) 4; the sums per direction: w (x, y) 4 ×3 = 12, and p (x, y)
 *   2 ×3 = 6 but in the last stage                                          → 64 (58 in the last stage)
 *   per step, per direction: δx = δx0 + dt·δvx0 + h2·δp (x, y) 8, δv = δv0 + h6·δw (x, y) 4 → 12 ×3 = 36;
 *   the step-size direction: δx += v0 + dt/3·p (x, y) 6, δv += w/6 (x, y) 4              → 10
 *   launch: 94 + 3·64 + 58 + 46 = 390 per step.
 * world sensitivities (flyWorld), per stage on top of the value's: the Jacobian 12, the directions 30, the
 *   wind's −δw 1, ∂a/∂k = −(rx, uy)·s with its add (x, y) 4, ∂ay/∂g 1, the sums 18 (12 in the last stage)
 *   → 66 (60); per step 36: world: 94 + 3·66 + 60 + 36 = 388 per step.
 * A gradient with respect to speed and angle takes the launch pass; one with respect to the world too
 * takes the launch pass and the world pass (390 + 388 = 778). The shot's set-up (its step size) and the
 * impact inside the last step (a few Hermite evaluations) are not counted: a few dozen flops beside a
 * flight of ~30 steps.
 */
export const FLOPS_PER_STEP = { value: 84, valueGrad: 390, valueGradWithWorld: 390 + 388 };

const SIMD = 0xfd;
const F64X2_ADD = [0xf0, 0x01];
const F64X2_MUL = [0xf2, 0x01];
const F64X2_RELAXED_MADD = [0x87, 0x02];
const V128 = 0x7b;

/** Unsigned LEB128. */
function leb(value) {
  const bytes = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

const section = (id, bytes) => [id, ...leb(bytes.length), ...bytes];
const vector = (items) => [...leb(items.length), ...items.flat()];
const f64x2Const = (x) => {
  const bytes = new Uint8Array(16);
  new DataView(bytes.buffer).setFloat64(0, x, true);
  new DataView(bytes.buffer).setFloat64(8, x, true);
  return [SIMD, 0x0c, ...bytes];
};

/**
 * A module exporting run(iterations): f64 that runs `width` independent accumulators `iterations` times,
 * 4·width flops an iteration, and returns their sum (so that nothing is optimised away).
 */
function peakModule(width, fused) {
  const b = width; // locals: param 0 (the count), accumulators 1..width, then b and c
  const accumulator = (i) => i + 1;
  const body = [];
  for (let i = 0; i < width; i++) body.push(...f64x2Const(1 + i / 64), 0x21, accumulator(i));
  body.push(...f64x2Const(0.5), 0x21, b + 1, ...f64x2Const(1), 0x21, b + 2);
  body.push(0x03, 0x40); // loop
  for (let i = 0; i < width; i++) {
    if (fused) body.push(0x20, accumulator(i), 0x20, b + 1, 0x20, b + 2, SIMD, ...F64X2_RELAXED_MADD);
    else body.push(0x20, accumulator(i), 0x20, b + 1, SIMD, ...F64X2_MUL, 0x20, b + 2, SIMD, ...F64X2_ADD);
    body.push(0x21, accumulator(i));
  }
  body.push(0x20, 0, 0x41, 1, 0x6b, 0x22, 0, 0x0d, 0, 0x0b); // count -= 1; continue while nonzero; end loop
  body.push(0x20, accumulator(0), SIMD, 0x21, 0);
  for (let i = 1; i < width; i++) body.push(0x20, accumulator(i), SIMD, 0x21, 0, 0xa0);
  body.push(0x0b);
  const locals = vector([[...leb(width + 2), V128]]);
  const code = [...locals, ...body];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([[0x60, 1, 0x7f, 1, 0x7c]])),
    ...section(3, vector([[0]])),
    ...section(7, vector([[...leb(3), ...Buffer.from('run'), 0, 0]])),
    ...section(10, vector([[...leb(code.length), ...code]])),
  ]);
}

/**
 * This machine's peak f64 flop/s on one thread of WebAssembly SIMD: the best of a few accumulator widths and
 * runs. Returns { flops, fused: whether relaxed_madd ran, width: the best width }.
 */
export function peakFlops({ iterations = 4_000_000, runs = 5 } = {}) {
  const fused = WebAssembly.validate(peakModule(4, true));
  let best = { flops: 0, fused, width: 0 };
  for (const width of [8, 10, 12, 14]) {
    const { run } = new WebAssembly.Instance(new WebAssembly.Module(peakModule(width, fused))).exports;
    run(10_000); // compiled by the optimising tier before the clock starts
    for (let r = 0; r < runs; r++) {
      const started = performance.now();
      const sum = run(iterations);
      const seconds = (performance.now() - started) / 1000;
      if (!Number.isFinite(sum)) throw new Error('peakFlops: the accumulators overflowed');
      const flops = (4 * width * iterations) / seconds;
      if (flops > best.flops) best = { flops, fused, width };
    }
  }
  return best;
}
