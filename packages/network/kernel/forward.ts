// The forward pass of a multilayer perceptron, rows in the lanes of f64x2 vectors (four rows in two vectors, or two
// in one; a row alone has two of its units to a vector instead): each layer is out = act(W·a + b), tanh on the hidden
// layers and the identity on the last. Several units are summed at once, so that several chains of additions are in
// flight instead of one.
//
// Memory, laid out by the caller (src/forward.ts), all f64 but the widths:
//   widths: i32 × (depth + 1), the width of each layer, inputs first;
//   parameters: per layer, its weights unit by unit (W[j][i] at j·n + i) then its biases;
//   input: rows × widths[0], row-major; output: rows × widths[depth], row-major;
//   scratch: two buffers of 32 bytes × the widest layer (a unit's value in four rows, in two, or in one).

@inline function splat(x: f64): v128 { return f64x2.splat(x); }

/** e^x for x in [−60, 60] (the caller clamps), to about an ulp: x = k·ln2 + r with |r| ≤ ln2/2, then
 * Taylor to r¹³ by Estrin's scheme (pairs of terms, then r², r⁴ and r⁸: a short chain of dependent operations
 * rather than Horner's thirteen), scaled by 2^k through the exponent bits. */
@inline function exp2Lanes(x: v128): v128 {
  const k = f64x2.nearest(f64x2.mul(x, splat(1.4426950408889634)));
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(k, splat(6.93147180369123816490e-01))), f64x2.mul(k, splat(1.90821492927058770002e-10)));
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const r8 = f64x2.mul(r4, r4);
  const q0 = f64x2.add(splat(1.0), r);
  const q1 = f64x2.add(splat(0.5), f64x2.mul(r, splat(1.0 / 6.0)));
  const q2 = f64x2.add(splat(1.0 / 24.0), f64x2.mul(r, splat(1.0 / 120.0)));
  const q3 = f64x2.add(splat(1.0 / 720.0), f64x2.mul(r, splat(1.0 / 5040.0)));
  const q4 = f64x2.add(splat(1.0 / 40320.0), f64x2.mul(r, splat(1.0 / 362880.0)));
  const q5 = f64x2.add(splat(1.0 / 3628800.0), f64x2.mul(r, splat(1.0 / 39916800.0)));
  const q6 = f64x2.add(splat(1.0 / 479001600.0), f64x2.mul(r, splat(1.0 / 6227020800.0)));
  const low = f64x2.add(f64x2.add(q0, f64x2.mul(q1, r2)), f64x2.mul(r4, f64x2.add(q2, f64x2.mul(q3, r2))));
  const high = f64x2.add(f64x2.add(q4, f64x2.mul(q5, r2)), f64x2.mul(r4, q6));
  const p = f64x2.add(low, f64x2.mul(r8, high));
  // k as an integer in the low bits of k + 1.5·2⁵², then 2^k as the bits (k + 1023) << 52.
  const magic = splat(6755399441055744.0);
  const kBits = i64x2.sub(f64x2.add(k, magic), magic);
  const scale = i64x2.shl(i64x2.add(kBits, i64x2.splat(1023)), 52);
  return f64x2.mul(p, scale);
}

/** tanh(s) = 1 − 2/(e^{2s} + 1), as the JavaScript forward pass computes it; beyond |2s| = 60 it is ±1 to the last bit. */
@inline function tanhLanes(s: v128): v128 {
  const twice = f64x2.min(f64x2.max(f64x2.add(s, s), splat(-60.0)), splat(60.0));
  return f64x2.sub(splat(1.0), f64x2.div(splat(2.0), f64x2.add(exp2Lanes(twice), splat(1.0))));
}

/** One layer for a pair of rows: n values at `from` (v128 each) to m values at `to`. */
@inline function layer(n: i32, m: i32, weights: usize, from: usize, to: usize, hidden: bool): void {
  const bias = weights + (<usize>(n * m) << 3);
  const whole = m & ~3;
  let j = 0;
  for (; j < whole; j += 4) {
    const w0 = weights + (<usize>(j * n) << 3);
    const w1 = w0 + (<usize>n << 3);
    const w2 = w1 + (<usize>n << 3);
    const w3 = w2 + (<usize>n << 3);
    let s0 = v128.load64_splat(bias + (<usize>j << 3));
    let s1 = v128.load64_splat(bias + (<usize>(j + 1) << 3));
    let s2 = v128.load64_splat(bias + (<usize>(j + 2) << 3));
    let s3 = v128.load64_splat(bias + (<usize>(j + 3) << 3));
    for (let i = 0; i < n; i++) {
      const a = v128.load(from + (<usize>i << 4));
      const at = <usize>i << 3;
      s0 = f64x2.add(s0, f64x2.mul(a, v128.load64_splat(w0 + at)));
      s1 = f64x2.add(s1, f64x2.mul(a, v128.load64_splat(w1 + at)));
      s2 = f64x2.add(s2, f64x2.mul(a, v128.load64_splat(w2 + at)));
      s3 = f64x2.add(s3, f64x2.mul(a, v128.load64_splat(w3 + at)));
    }
    if (hidden) {
      s0 = tanhLanes(s0);
      s1 = tanhLanes(s1);
      s2 = tanhLanes(s2);
      s3 = tanhLanes(s3);
    }
    v128.store(to + (<usize>j << 4), s0);
    v128.store(to + (<usize>(j + 1) << 4), s1);
    v128.store(to + (<usize>(j + 2) << 4), s2);
    v128.store(to + (<usize>(j + 3) << 4), s3);
  }
  for (; j < m; j++) {
    const w = weights + (<usize>(j * n) << 3);
    let s = v128.load64_splat(bias + (<usize>j << 3));
    for (let i = 0; i < n; i++) s = f64x2.add(s, f64x2.mul(v128.load(from + (<usize>i << 4)), v128.load64_splat(w + (<usize>i << 3))));
    v128.store(to + (<usize>j << 4), hidden ? tanhLanes(s) : s);
  }
}

/**
 * One layer for four rows, two vectors a value (32 bytes: rows 0–1, then rows 2–3), two units at once: each weight is
 * loaded once for the four rows. Each lane's sums are the two-row layer's, in the same order, to the last bit.
 */
@inline function layer4(n: i32, m: i32, weights: usize, from: usize, to: usize, hidden: bool): void {
  const bias = weights + (<usize>(n * m) << 3);
  let j = 0;
  for (; j + 1 < m; j += 2) {
    const w0 = weights + (<usize>(j * n) << 3);
    const w1 = w0 + (<usize>n << 3);
    let a0 = v128.load64_splat(bias + (<usize>j << 3));
    let b0 = v128.load64_splat(bias + (<usize>(j + 1) << 3));
    let a1 = a0;
    let b1 = b0;
    for (let i = 0; i < n; i++) {
      const at = from + (<usize>i << 5);
      const x0 = v128.load(at);
      const x1 = v128.load(at + 16);
      const wa = v128.load64_splat(w0 + (<usize>i << 3));
      const wb = v128.load64_splat(w1 + (<usize>i << 3));
      a0 = f64x2.add(a0, f64x2.mul(x0, wa));
      a1 = f64x2.add(a1, f64x2.mul(x1, wa));
      b0 = f64x2.add(b0, f64x2.mul(x0, wb));
      b1 = f64x2.add(b1, f64x2.mul(x1, wb));
    }
    if (hidden) {
      a0 = tanhLanes(a0);
      a1 = tanhLanes(a1);
      b0 = tanhLanes(b0);
      b1 = tanhLanes(b1);
    }
    const outA = to + (<usize>j << 5);
    v128.store(outA, a0);
    v128.store(outA + 16, a1);
    v128.store(outA + 32, b0);
    v128.store(outA + 48, b1);
  }
  for (; j < m; j++) {
    const w = weights + (<usize>(j * n) << 3);
    let s0 = v128.load64_splat(bias + (<usize>j << 3));
    let s1 = s0;
    for (let i = 0; i < n; i++) {
      const at = from + (<usize>i << 5);
      const wi = v128.load64_splat(w + (<usize>i << 3));
      s0 = f64x2.add(s0, f64x2.mul(v128.load(at), wi));
      s1 = f64x2.add(s1, f64x2.mul(v128.load(at + 16), wi));
    }
    v128.store(to + (<usize>j << 5), hidden ? tanhLanes(s0) : s0);
    v128.store(to + (<usize>j << 5) + 16, hidden ? tanhLanes(s1) : s1);
  }
}

/** The weights of two units (rows wa and wb of the weights) for one input, at byte offset w: unit a's in lane 0, b's in lane 1. */
@inline function unitPair(wa: usize, wb: usize, w: usize): v128 {
  return f64x2.replace_lane(v128.load64_splat(wa + w), 1, load<f64>(wb + w));
}

/**
 * One layer for a single row, one f64 a value, two units to a vector (units j and j + 1 in its lanes), eight units
 * at once (four at the end): no lane is spent on a copy of the row. Each unit's sum is the two-row layer's, in the same order, to the last
 * bit (a·w is w·a).
 */
@inline function layer1(n: i32, m: i32, weights: usize, from: usize, to: usize, hidden: bool): void {
  const bias = weights + (<usize>(n * m) << 3);
  let j = 0;
  for (; j + 7 < m; j += 8) {
    const w0 = weights + (<usize>(j * n) << 3);
    const w1 = w0 + (<usize>n << 3);
    const w2 = w1 + (<usize>n << 3);
    const w3 = w2 + (<usize>n << 3);
    const w4 = w3 + (<usize>n << 3);
    const w5 = w4 + (<usize>n << 3);
    const w6 = w5 + (<usize>n << 3);
    const w7 = w6 + (<usize>n << 3);
    const at = bias + (<usize>j << 3);
    let s01 = v128.load(at);
    let s23 = v128.load(at + 16);
    let s45 = v128.load(at + 32);
    let s67 = v128.load(at + 48);
    for (let i = 0; i < n; i++) {
      const a = v128.load64_splat(from + (<usize>i << 3));
      const w = <usize>i << 3;
      s01 = f64x2.add(s01, f64x2.mul(a, unitPair(w0, w1, w)));
      s23 = f64x2.add(s23, f64x2.mul(a, unitPair(w2, w3, w)));
      s45 = f64x2.add(s45, f64x2.mul(a, unitPair(w4, w5, w)));
      s67 = f64x2.add(s67, f64x2.mul(a, unitPair(w6, w7, w)));
    }
    if (hidden) {
      s01 = tanhLanes(s01);
      s23 = tanhLanes(s23);
      s45 = tanhLanes(s45);
      s67 = tanhLanes(s67);
    }
    const to0 = to + (<usize>j << 3);
    v128.store(to0, s01);
    v128.store(to0 + 16, s23);
    v128.store(to0 + 32, s45);
    v128.store(to0 + 48, s67);
  }
  for (; j + 3 < m; j += 4) {
    const w0 = weights + (<usize>(j * n) << 3);
    const w1 = w0 + (<usize>n << 3);
    const w2 = w1 + (<usize>n << 3);
    const w3 = w2 + (<usize>n << 3);
    const at = bias + (<usize>j << 3);
    let s01 = v128.load(at);
    let s23 = v128.load(at + 16);
    for (let i = 0; i < n; i++) {
      const a = v128.load64_splat(from + (<usize>i << 3));
      const w = <usize>i << 3;
      s01 = f64x2.add(s01, f64x2.mul(a, unitPair(w0, w1, w)));
      s23 = f64x2.add(s23, f64x2.mul(a, unitPair(w2, w3, w)));
    }
    if (hidden) {
      s01 = tanhLanes(s01);
      s23 = tanhLanes(s23);
    }
    v128.store(to + (<usize>j << 3), s01);
    v128.store(to + (<usize>j << 3) + 16, s23);
  }
  for (; j < m; j++) {
    const w = weights + (<usize>(j * n) << 3);
    let s = v128.load64_splat(bias + (<usize>j << 3));
    for (let i = 0; i < n; i++) s = f64x2.add(s, f64x2.mul(v128.load64_splat(from + (<usize>i << 3)), v128.load64_splat(w + (<usize>i << 3))));
    store<f64>(to + (<usize>j << 3), f64x2.extract_lane(hidden ? tanhLanes(s) : s, 0));
  }
}

/** Every layer for a group of `rows` rows (four, two or one), from buffer `a` (`b` the other): the buffer the outputs end in. */
@inline function network(depth: i32, widths: usize, parameters: usize, a: usize, b: usize, rows: i32): usize {
  let weights = parameters;
  for (let l = 0; l < depth; l++) {
    const n = load<i32>(widths + (<usize>l << 2));
    const m = load<i32>(widths + (<usize>(l + 1) << 2));
    if (rows == 4) layer4(n, m, weights, a, b, l < depth - 1);
    else if (rows == 2) layer(n, m, weights, a, b, l < depth - 1);
    else layer1(n, m, weights, a, b, l < depth - 1);
    weights += <usize>((n + 1) * m) << 3;
    const swap = a;
    a = b;
    b = swap;
  }
  return a;
}

/** A row's `n` values at `row`, into lane `lane` (0 or 1) of the vectors `stride` bytes apart from `to`. */
@inline function gather(row: usize, n: i32, to: usize, stride: usize, lane: i32): void {
  for (let i = 0; i < n; i++) store<f64>(to + <usize>i * stride + (<usize>lane << 3), load<f64>(row + (<usize>i << 3)));
}

export function forward(depth: i32, widths: usize, parameters: usize, rows: i32, input: usize, output: usize, scratch: usize): void {
  let widest = 0;
  for (let l = 0; l <= depth; l++) widest = max(widest, load<i32>(widths + (<usize>l << 2)));
  const inputs = load<i32>(widths);
  const outputs = load<i32>(widths + (<usize>depth << 2));
  // Four rows at a time while four are left; then two; and an odd last row alone, its units two to a vector.
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    let a = scratch;
    const b = scratch + (<usize>widest << 5);
    for (let q = 0; q < 4; q++) gather(input + (<usize>((r + q) * inputs) << 3), inputs, a + (<usize>(q >> 1) << 4), 32, q & 1);
    a = network(depth, widths, parameters, a, b, 4);
    for (let q = 0; q < 4; q++) {
      const out = output + (<usize>((r + q) * outputs) << 3);
      for (let j = 0; j < outputs; j++) store<f64>(out + (<usize>j << 3), load<f64>(a + (<usize>j << 5) + (<usize>(q >> 1) << 4) + (<usize>(q & 1) << 3)));
    }
  }
  if ((rows & 1) == 1) {
    // The last row alone, its units two to a vector.
    const last = rows - 1;
    let a = scratch;
    const b = scratch + (<usize>widest << 3);
    for (let i = 0; i < inputs; i++) store<f64>(a + (<usize>i << 3), load<f64>(input + (<usize>(last * inputs + i) << 3)));
    a = network(depth, widths, parameters, a, b, 1);
    for (let j = 0; j < outputs; j++) store<f64>(output + (<usize>(last * outputs + j) << 3), load<f64>(a + (<usize>j << 3)));
  }
  for (; r + 1 < rows; r += 2) {
    const rowA = input + (<usize>(r * inputs) << 3);
    const rowB = rowA + (<usize>inputs << 3);
    let a = scratch;
    const b = scratch + (<usize>widest << 4);
    for (let i = 0; i < inputs; i++) {
      const at = <usize>i << 3;
      v128.store(a + (<usize>i << 4), f64x2.replace_lane(v128.load64_splat(rowA + at), 1, load<f64>(rowB + at)));
    }
    a = network(depth, widths, parameters, a, b, 2);
    const outA = output + (<usize>(r * outputs) << 3);
    for (let j = 0; j < outputs; j++) {
      const value = v128.load(a + (<usize>j << 4));
      store<f64>(outA + (<usize>j << 3), f64x2.extract_lane(value, 0));
      store<f64>(outA + (<usize>(outputs + j) << 3), f64x2.extract_lane(value, 1));
    }
  }
}

/** Where the caller's data may start: memory below holds the kernel's own. */
export function heapBase(): usize {
  return __heap_base;
}
