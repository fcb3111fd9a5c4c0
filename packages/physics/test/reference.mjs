/**
 * An independent reference for the tests and the accuracy benchmark: the same equations of motion,
 * integrated in plain JavaScript with a fixed, very small time step (no step-size scaling, no Hermite
 * cubic, no kernel), the crossing found by linear interpolation. Returns the landing distance, or null.
 */
export function referenceLanding(shot, dt = 1e-4) {
  const { speed, angle, gravity = 9.81, drag = 0, wind = 0, launchHeight = 0, targetHeight = 0 } = shot;
  let x = 0;
  let y = launchHeight;
  let vx = speed * Math.cos(angle);
  let vy = speed * Math.sin(angle);
  const ax = (u, v) => -drag * (u - wind) * Math.hypot(u - wind, v);
  const ay = (u, v) => -gravity - drag * v * Math.hypot(u - wind, v);
  for (let step = 0; step < 10_000_000; step++) {
    const a1x = ax(vx, vy), a1y = ay(vx, vy);
    const a2x = ax(vx + (dt / 2) * a1x, vy + (dt / 2) * a1y), a2y = ay(vx + (dt / 2) * a1x, vy + (dt / 2) * a1y);
    const a3x = ax(vx + (dt / 2) * a2x, vy + (dt / 2) * a2y), a3y = ay(vx + (dt / 2) * a2x, vy + (dt / 2) * a2y);
    const a4x = ax(vx + dt * a3x, vy + dt * a3y), a4y = ay(vx + dt * a3x, vy + dt * a3y);
    const nx = x + dt * vx + ((dt * dt) / 6) * (a1x + a2x + a3x);
    const ny = y + dt * vy + ((dt * dt) / 6) * (a1y + a2y + a3y);
    const nvx = vx + (dt / 6) * (a1x + 2 * a2x + 2 * a3x + a4x);
    const nvy = vy + (dt / 6) * (a1y + 2 * a2y + 2 * a3y + a4y);
    if (ny < targetHeight && y >= targetHeight) return x + ((y - targetHeight) / (y - ny)) * (nx - x);
    if (nvy <= 0 && ny < targetHeight) return null;
    x = nx;
    y = ny;
    vx = nvx;
    vy = nvy;
  }
  throw new Error('the reference did not land');
}

/**
 * A random shot in the box the accuracy is promised for (speed ≤ 20 m/s, k ≤ 0.1 1/m, |wind| ≤ 5 m/s, heights
 * in [−2, 2] m), drawn from `random` (createRandom): the test and the accuracy benchmark draw from the same box.
 */
export function shotInPromisedBox(random) {
  return {
    speed: random.between(0, 20),
    angle: random.between(-1.5, 1.5),
    drag: random.between(0, 0.1),
    wind: random.between(-5, 5),
    launchHeight: random.between(-2, 2),
    targetHeight: random.between(-2, 2),
  };
}
