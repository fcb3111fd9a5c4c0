// The forward pass of a multilayer perceptron, two rows at a time in the lanes of f64x2 vectors: each layer
// is out = act(W·a + b), tanh on the hidden layers and the identity on the last. Four units are summed at
// once, so that four chains of additions are in flight instead of one.
//
// Memory, laid out by the caller (src/forward.ts), all f64 but the widths:
//   widths: i32 × (depth + 1), the width of each layer, inputs first;
//   parameters: per layer, its weights unit by unit (W[j][i] at j·n + i) then its biases;
//   input: rows × widths[0], row-major; output: rows × widths[depth], row-major;
//   scratch: two buffers of 16 bytes × the widest layer (a unit's value in the two rows).

@inline function splat(x: f64): v128 { return f64x2.splat(x); }

/** e^x for x in [−60, 60] (the caller clamps), to about an ulp: x = k·ln2 + r with |r| ≤ ln2/2, then
 * Taylor to r¹³ in Horner form, scaled by 2^k through the exponent bits. */
@inline function exp2Lanes(x: v128): v128 {
  const k = f64x2.nearest(f64x2.mul(x, splat(1.4426950408889634)));
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(k, splat(6.93147180369123816490e-01))), f64x2.mul(k, splat(1.90821492927058770002e-10)));
  let p = splat(1.0 / 6227020800.0);
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 479001600.0));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 39916800.0));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 3628800.0));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 362880.0));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 40320.0));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 5040.0));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 720.0));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 120.0));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 24.0));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0 / 6.0));
  p = f64x2.add(f64x2.mul(p, r), splat(0.5));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0));
  p = f64x2.add(f64x2.mul(p, r), splat(1.0));
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

export function forward(depth: i32, widths: usize, parameters: usize, rows: i32, input: usize, output: usize, scratch: usize): void {
  let widest = 0;
  for (let l = 0; l <= depth; l++) widest = max(widest, load<i32>(widths + (<usize>l << 2)));
  const inputs = load<i32>(widths);
  const outputs = load<i32>(widths + (<usize>depth << 2));
  for (let r = 0; r < rows; r += 2) {
    const single = r + 1 >= rows;
    const rowA = input + (<usize>(r * inputs) << 3);
    const rowB = single ? rowA : rowA + (<usize>inputs << 3);
    let a = scratch;
    let b = scratch + (<usize>widest << 4);
    for (let i = 0; i < inputs; i++) {
      const at = <usize>i << 3;
      v128.store(a + (<usize>i << 4), f64x2.replace_lane(v128.load64_splat(rowA + at), 1, load<f64>(rowB + at)));
    }
    let weights = parameters;
    for (let l = 0; l < depth; l++) {
      const n = load<i32>(widths + (<usize>l << 2));
      const m = load<i32>(widths + (<usize>(l + 1) << 2));
      layer(n, m, weights, a, b, l < depth - 1);
      weights += <usize>((n + 1) * m) << 3;
      const swap = a;
      a = b;
      b = swap;
    }
    const outA = output + (<usize>(r * outputs) << 3);
    for (let j = 0; j < outputs; j++) {
      const value = v128.load(a + (<usize>j << 4));
      store<f64>(outA + (<usize>j << 3), f64x2.extract_lane(value, 0));
      if (!single) store<f64>(outA + (<usize>(outputs + j) << 3), f64x2.extract_lane(value, 1));
    }
  }
}

/** Where the caller's data may start: memory below holds the kernel's own. */
export function heapBase(): usize {
  return __heap_base;
}
