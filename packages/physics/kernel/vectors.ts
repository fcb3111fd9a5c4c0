// The arithmetic of two shots at once, one per lane of an f64x2 vector, as every loop of the kernel writes it.

@inline export function add(a: v128, b: v128): v128 { return f64x2.add(a, b); }
@inline export function sub(a: v128, b: v128): v128 { return f64x2.sub(a, b); }
@inline export function mul(a: v128, b: v128): v128 { return f64x2.mul(a, b); }
/** a + b·c (a multiply, then an add: WebAssembly SIMD has no fused multiply-add without relaxed SIMD). */
@inline export function madd(a: v128, b: v128, c: v128): v128 { return f64x2.add(a, f64x2.mul(b, c)); }
@inline export function splat(x: f64): v128 { return f64x2.splat(x); }
/** The f64 at `slot` of two records, one to a lane. */
@inline export function lanes(a: usize, b: usize, slot: i32): v128 {
  return f64x2.replace_lane(f64x2.splat(load<f64>(a + (<usize>slot << 3))), 1, load<f64>(b + (<usize>slot << 3)));
}
