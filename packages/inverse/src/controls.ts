/**
 * The controls from the network's two raw outputs, bounded by construction:
 * speed = maxSpeed·σ(o₀) ∈ (0, maxSpeed), angle = (π/2)·σ(o₁) ∈ (0, π/2).
 * Also gives ∂speed/∂o₀ and ∂angle/∂o₁ (each depends on its own output only), for training.
 */
export function controlsOf(raw0: number, raw1: number, maxSpeed: number): { speed: number; angle: number; speedPerRaw: number; anglePerRaw: number } {
  const s0 = 1 / (1 + Math.exp(-raw0));
  const s1 = 1 / (1 + Math.exp(-raw1));
  return { speed: maxSpeed * s0, angle: (Math.PI / 2) * s1, speedPerRaw: maxSpeed * s0 * (1 - s0), anglePerRaw: (Math.PI / 2) * s1 * (1 - s1) };
}
