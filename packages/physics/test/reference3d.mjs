/**
 * An independent reference for the three-dimensional model, for the tests of its kernel: the equations of motion of
 * a point mass in plain JavaScript, integrated by an adaptive embedded Runge–Kutta pair (Dormand and Prince's
 * 8(5,3), "DOP853": eighth order, its step size set by fifth- and third-order error estimates) in float64, with no
 * Hermite cubic and no kernel. The crossing of the target height is solved on the integrator's own step.
 *
 *   dv/dt = (0, 0, −g) − D·|v − w|·(v − w),   w = (wx, wy, 0)
 *
 * D is a constant `drag` k (1/m), or, with a `table`, ρ(z)·i·Cd(M)·A/(2m) with M = |v − w|/c(z): the air at the
 * ball's height (`air` of the package, anchored at the muzzle, which its own tests hold to the standard atmosphere)
 * and the table's Cd (`dragCoefficientAt`, held to SciPy's PCHIP), or `dragLaw(M)`'s when the shot gives that function
 * (a table's Cd with a learned correction, say). Axes: x along azimuth 0, y to its left, z up.
 * With `earth` ({ latitude, bearing }, radians: the muzzle's latitude and the compass bearing of +x), the ground
 * turns with the Earth and adds the Coriolis acceleration −2Ω×v, Ω the Earth's rotation in these axes.
 *
 * The tolerance (`options.tolerance`, relative and absolute alike, default 10⁻¹²; it should be 10⁻¹⁰ or tighter)
 * bounds each step's estimated error in every component of (x, y, z, vx, vy, vz), in metres and metres per second,
 * against tolerance·(1 + |component|). A number in place of the options (the fixed step of the RK4 this replaced)
 * is ignored.
 *
 * Returns the impact { x, y, time } where the ball descends through targetHeight, or null when its apex stays
 * below it.
 */
import { air, dragCoefficientAt, InvalidInputError } from '../dist/index.js';

// The pair's nodes C, its stages' weights A (row s for stage s, over stages 0..s−1), the eighth-order weights B,
// the third-order weights B3, and the weights of its two error estimates: E5 (eighth minus fifth order) and E3
// (eighth minus third order).
const C = [
  0, 0.05260015195876773, 0.0789002279381516, 0.1183503419072274, 0.2816496580927726,
  0.3333333333333333, 0.25, 0.3076923076923077, 0.6512820512820513, 0.6, 0.8571428571428571, 1,
];
const A = [
  [],
  [0.05260015195876773],
  [0.0197250569845379, 0.0591751709536137],
  [0.02958758547680685, 0, 0.08876275643042054],
  [0.2413651341592667, 0, -0.8845494793282861, 0.924834003261792],
  [0.037037037037037035, 0, 0, 0.17082860872947386, 0.12546768756682242],
  [0.037109375, 0, 0, 0.17025221101954405, 0.06021653898045596, -0.017578125],
  [0.03709200011850479, 0, 0, 0.17038392571223998, 0.10726203044637328, -0.015319437748624402, 0.008273789163814023],
  [0.6241109587160757, 0, 0, -3.3608926294469414, -0.868219346841726, 27.59209969944671, 20.154067550477894, -43.48988418106996],
  [0.47766253643826434, 0, 0, -2.4881146199716677, -0.590290826836843, 21.230051448181193, 15.279233632882423, -33.28821096898486, -0.020331201708508627],
  [-0.9371424300859873, 0, 0, 5.186372428844064, 1.0914373489967295, -8.149787010746927, -18.52006565999696, 22.739487099350505, 2.4936055526796523, -3.0467644718982196],
  [2.273310147516538, 0, 0, -10.53449546673725, -2.0008720582248625, -17.9589318631188, 27.94888452941996, -2.8589982771350235, -8.87285693353063, 12.360567175794303, 0.6433927460157636],
];
const B = [
  0.054293734116568765, 0, 0, 0, 0, 4.450312892752409, 1.8915178993145003, -5.801203960010585,
  0.3111643669578199, -0.1521609496625161, 0.20136540080403034, 0.04471061572777259,
];
const E5 = [
  0.01312004499419488, 0, 0, 0, 0, -1.2251564463762044, -0.4957589496572502, 1.6643771824549864,
  -0.35032884874997366, 0.3341791187130175, 0.08192320648511571, -0.022355307863886294,
];
const B3 = [0.2440944881889764, 0, 0, 0, 0, 0, 0, 0, 0.7338466882816118, 0, 0, 0.022058823529411766];
const E3 = B.map((b, j) => b - B3[j]);
// The step-size rule: the error of a step scales as h⁸ (the estimate's order 7, plus one), a new step is 0.9 of
// the one that would just meet the tolerance, and it changes by a factor in [0.2, 10] (at most 1 after a rejection).
const SAFETY = 0.9;
const MIN_FACTOR = 0.2;
const MAX_FACTOR = 10;
const EXPONENT = -1 / 8;

export function referenceImpact(shot, options = {}) {
  const { tolerance = 1e-12 } = typeof options === 'number' ? {} : options;
  const { speed, elevation, azimuth = 0, gravity = 9.81, drag = 0, wind = [0, 0], launchHeight = 0, targetHeight = 0 } = shot;
  const [wx, wy] = wind;
  const { table, mass, diameter, formFactor = 1, conditions = {}, earth, dragLaw = (mach) => dragCoefficientAt(table, mach).cd } = shot;
  // The Earth's rotation (one turn a sidereal day, 86 164.0905 s) in east, north, up, turned into x, y, z.
  const omega = (2 * Math.PI) / 86164.0905;
  const spin = earth
    ? (() => {
        const east = [Math.sin(earth.bearing), Math.cos(earth.bearing)]; // x's east and north parts
        const up = omega * Math.sin(earth.latitude);
        const north = omega * Math.cos(earth.latitude);
        // Ω·x and Ω·y, with x = (sin β, cos β, 0) and y = (−cos β, sin β, 0) in east, north, up.
        return [north * east[1], north * east[0], up];
      })()
    : [0, 0, 0];
  const area = (Math.PI * diameter ** 2) / 4;
  const dragAt = (z, airSpeed) => {
    if (!table) return drag;
    const { density, speedOfSound } = air(z - launchHeight, conditions);
    return (density * formFactor * dragLaw(airSpeed / speedOfSound) * area) / (2 * mass);
  };
  const acceleration = (z, vx, vy, vz) => {
    const [rx, ry] = [vx - wx, vy - wy];
    const s = Math.hypot(rx, ry, vz);
    const d = dragAt(z, s) * s;
    const [ox, oy, oz] = spin;
    return [-d * rx - 2 * (oy * vz - oz * vy), -d * ry - 2 * (oz * vx - ox * vz), -gravity - d * vz - 2 * (ox * vy - oy * vx)];
  };
  // The state (x, y, z, vx, vy, vz) and its time derivative.
  const derivative = (s) => [s[3], s[4], s[5], ...acceleration(s[2], s[3], s[4], s[5])];

  /** One step of size h from `state` (whose derivative is k0): the new state, and its error over the tolerance. */
  const step = (state, k0, h) => {
    const k = [k0];
    for (let s = 1; s < C.length; s++) k.push(derivative(state.map((value, i) => value + h * A[s].reduce((sum, a, j) => sum + a * k[j][i], 0))));
    const next = state.map((value, i) => value + h * B.reduce((sum, b, j) => sum + b * k[j][i], 0));
    // The two estimates, each component over its scale, combined as the pair prescribes, h·e5²/√(e5² + e3²/100)
    // with e5 and e3 their root mean squares: it scales as h⁸ on short steps, as the eighth-order step's own error
    // does (the fifth-order estimate alone would scale as h⁶).
    let [squares5, squares3] = [0, 0];
    state.forEach((value, i) => {
      const scale = tolerance * (1 + Math.max(Math.abs(value), Math.abs(next[i])));
      squares5 += (E5.reduce((sum, e, j) => sum + e * k[j][i], 0) / scale) ** 2;
      squares3 += (E3.reduce((sum, e, j) => sum + e * k[j][i], 0) / scale) ** 2;
    });
    const error = squares5 === 0 ? 0 : (h * squares5) / Math.sqrt((squares5 + 0.01 * squares3) * state.length);
    return { next, error };
  };

  /**
   * The step size s in [0, h] at which component i of the step from `state` comes down to `value`, that component
   * falling from at least `value` at 0 to below it at h: Newton's method on the step itself (the step's end is
   * differentiated by the derivative there, exact to within the step's error), kept inside the bracket by bisection.
   */
  const solveStep = (state, k0, h, last, i, value, time) => {
    // The first guess is the root of the parabola through the start (its value and slope) and the end: close even
    // just past an apex, where the crossing is a double root's neighbour and the chord would land far short of it.
    const [g0, slope, gh] = [state[i] - value, k0[i], last[i] - value];
    const curvature = (gh - g0 - slope * h) / (h * h);
    let s = (2 * g0) / (Math.sqrt(Math.max(0, slope * slope - 4 * curvature * g0)) - slope);
    if (!(s >= 0 && s <= h)) s = (h * g0) / (g0 - gh); // the chord's root
    let [lo, hi] = [0, h];
    for (let iteration = 0; iteration < 100; iteration++) {
      const end = step(state, k0, s).next;
      const g = end[i] - value;
      if (g === 0) return s;
      if (g > 0) lo = s;
      else hi = s;
      let next = s - g / derivative(end)[i];
      // Converged to 10⁻¹³ of the time, or to the smallest normal float64 (below it no relative precision is left).
      if (Math.abs(next - s) <= Math.max(1e-13 * (time + s), 2 ** -1022)) return Math.min(Math.max(next, lo), hi);
      if (!(next > lo && next < hi)) next = (lo + hi) / 2;
      s = next;
    }
    throw new Error('the reference did not find the crossing');
  };

  let state = [0, 0, launchHeight, speed * Math.cos(elevation) * Math.cos(azimuth), speed * Math.cos(elevation) * Math.sin(azimuth), speed * Math.sin(elevation)];
  let k0 = derivative(state);
  let time = 0;
  // Until the apex the ball only rises, after it only falls (neither the drag nor the Earth's turning, a hundredth
  // of g at 1000 m/s, turns a fall into a climb): a step that would pass the apex ends on it, so that no step both
  // rises and falls through the target height, however long the steps grow (on a parabola, without bound).
  let rising = state[5] > 0;
  let h = 1e-3; // s: the first trial; the rule shrinks it or grows it tenfold a step
  let rejected = false;
  for (let steps = 0; steps < 1_000_000; steps++) {
    if (!rising && state[2] < targetHeight) return null;
    let trial;
    try {
      trial = step(state, k0, h);
    } catch (error) {
      // A trial step so long that its stages leave the air's range of heights is simply too long.
      if (!(error instanceof InvalidInputError)) throw error;
      trial = { error: Infinity };
    }
    const { error } = trial;
    if (!(error <= 1)) {
      h *= Number.isFinite(error) ? Math.max(MIN_FACTOR, SAFETY * error ** EXPONENT) : MIN_FACTOR;
      rejected = true;
      continue;
    }
    let { next } = trial;
    let taken = h;
    if (rising && next[5] <= 0) {
      taken = next[5] === 0 ? h : solveStep(state, k0, h, next, 5, 0, time);
      next = step(state, k0, taken).next;
      rising = false;
    } else if (!rising && next[2] < targetHeight) {
      const s = solveStep(state, k0, h, next, 2, targetHeight, time);
      const [x, y] = step(state, k0, s).next;
      return { x, y, time: time + s };
    }
    time += taken;
    state = next;
    k0 = derivative(state);
    h *= Math.min(rejected ? 1 : MAX_FACTOR, error === 0 ? MAX_FACTOR : Math.max(MIN_FACTOR, SAFETY * error ** EXPONENT));
    rejected = false;
  }
  throw new Error('the reference did not land');
}
