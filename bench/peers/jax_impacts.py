"""JAX peer of the three-dimensional benchmark: the impacts of a batch of shots in three dimensions, and their
derivatives with respect to every input, with the same discrete model as @cannon/physics's `simulateImpacts`
(packages/physics/src/impacts.ts and kernel/flight3d.ts, air.ts, drag.ts, stop.ts, impact.ts), jitted by XLA.

The model (the kernel's, rule for rule)
  A shot leaves the muzzle at (0, 0, z0) with velocity v = speed (cos e cos a, cos e sin a, sin e) (e the elevation,
  a the azimuth) and stops where it descends through the target height h:
      dv/dt = (0, 0, -g) - D s (v - w),   w = (wx, wy, 0),   s = |v - w|.
  Constant drag: D = k (the `drag` input, 1/m). Drag table: D = K rho_m tau^n Cd(M), K = i pi d^2 / (8 m) (i the
  `drag` input, the form factor), tau = 1 - L (z - z0) / T_m, n = g0 / (R L) - 1, M = s / (c_m sqrt(tau)), the
  muzzle's air (rho_m, c_m, T_m) and Cd the monotone cubic (PCHIP) through the table's points with the slopes given,
  held at its first and last Cd beyond its ends.
  T = (vz + sqrt(vz^2 + 2 g (z0 - h))) / g is the vacuum flight time (no impact where the root is imaginary or T <= 0);
  the step is dt = T / (32 + 2 kappa S T), S = sqrt(speed^2 + wx^2 + wy^2 + (g T)^2), kappa = k, or K rho_m max(Cd)
  on a table (src/flight.ts, stepSize).
  Classical RK4 on (x, y, z, vx, vy, vz): stage velocities u = v0 + c k_prev, stage heights z0 + c u_prev,z
  (c = 0, dt/2, dt/2, dt); x <- x + dt v + dt^2/6 (k1 + k2 + k3), v <- v + dt/6 (k1 + 2 k2 + 2 k3 + k4).
  It stops after the first step whose end is below h and whose start was at or above h, or whose end is falling.
  Inside that step the path is the cubic Hermite interpolant of the step's end states; the impact is the root
  Z(theta) = h (from the apex when both ends are below h), found by bracketed Newton to machine precision; x and y
  are on their cubics there and t = (steps - 1 + theta) dt. The derivatives are those of this discrete model:
  through the steps and the step size, and at the impact by the implicit function (one Newton correction on the
  converged root, its slope held).

What it times (jax.jit, after warm-up, the median of REPEATS runs, with block_until_ready), per shot, for each model
(constant drag, and the drag table):
  value     the impacts (x, y, t) alone;
  allGrad   (x, y, t) and their derivatives with respect to all 9 inputs (speed, elevation, azimuth, gravity, drag,
            windX, windY, launchHeight, targetHeight): the best of reverse mode (one vjp, pulled back three times, for
            x, y and t), forward mode (one jvp per input) and vmap of jvp (the 9 tangents at once);
  in float64, and in float32 unless --no-f32 (by default only the way that won in float64: --f32-modes).
  The step loop is a lax.scan over the steps the batch needs (its longest shot's, counted first), each shot keeping
  the bracket of its own stopping step.

Usage
  python jax_impacts.py [--threads 1|all] [--batch N] [--seed S] [--repeats R] [--modes M,...] [--no-f32]
                        [--f32-modes best|M,...] [--no-cache] [--stdin]
  --modes       the ways to time in float64, of reverse, forward and vmapJvp (default: all three).
  --f32-modes   the ways to time in float32: best (the default) is float64's winner.
  --repeats     at most this many timed runs (default 9; at least 3, fewer when they would take over 2 s).
  --no-cache    compile everything anew; by default XLA's compiled programs are kept in the virtual environment's
                jax-cache (a second run loads them: compileS is then the load).
  --threads 1   one core: XLA_FLAGS=--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1 and the
                process pinned to one CPU (the default); --threads all: every core, XLA's defaults.
  --stdin       read the shots from stdin as JSON {"models": {"constant": MODEL, "gs": MODEL}}, MODEL =
                {"columns": {field: [per shot]} for the 9 fields, "tableDrag": {"mass", "diameter", "table": {"mach",
                "cd", "slopes"}, "air": {"density", "speedOfSound", "temperature"}} for a table (absent: constant drag),
                and optionally "ours": {"x", "y", "t", "partials": {field: {"x", "y", "t"}}} (null for NaN) to check};
                otherwise both boxes are drawn with --seed (the GS table's points are then the package's).

Output: JSON lines on stdout:
  {"peer": "jax", "kind": "setup", "jax", "cores", "xlaFlags", "models": {model: {"batch", "steps", "table"}}}
  {"peer": "jax", "kind": "check", "model", "dtype", "shots", "impactDisagreements", "maxPositionDiff" (m),
   "maxRelativePositionDiff" (of the impact's distance from the muzzle), "maxTimeDiff" (s), "maxPartialDiff",
   "maxRelativePartialDiff" (each partial's difference over the largest |partial| of its column), "worstPartial"}
   (dtype "float64:<way>" for the ways that did not win, checked too)
  {"peer": "jax", "kind": "time", "model", "dtype", "what": "value" | "allGrad", "usPerShot", "mode": the fastest
   way, "modes": {way: usPerShot}, "threads", "cores", "batch", "steps", "compileS": the first call's seconds}
"""
import argparse
import json
import math
import os
import sys
import time


def parse_args():
    parser = argparse.ArgumentParser(description="JAX peer: three-dimensional impacts and all their derivatives, jitted.")
    parser.add_argument("--threads", choices=["1", "all"], default="1")
    parser.add_argument("--batch", type=int, default=4096)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--no-f32", dest="f32", action="store_false")
    parser.add_argument("--modes", default="reverse,forward,vmapJvp")
    parser.add_argument("--f32-modes", default="best")
    parser.add_argument("--no-cache", dest="cache", action="store_false")
    parser.add_argument("--stdin", action="store_true")
    return parser.parse_args()


ARGS = parse_args()
if ARGS.threads == "1":
    # Before jax is imported: XLA reads its flags once.
    os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") + " --xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1").strip()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
from jax import lax  # noqa: E402

jax.config.update("jax_enable_x64", True)
if ARGS.cache and sys.prefix != sys.base_prefix:
    # XLA's compiled programs, kept in the virtual environment (made anew, and so emptied, when its requirements
    # change): a second run loads them instead of compiling them again (compileS is then the load).
    jax.config.update("jax_compilation_cache_dir", os.path.join(sys.prefix, "jax-cache"))
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.5)

FIELDS = ("speed", "elevation", "azimuth", "gravity", "drag", "windX", "windY", "launchHeight", "targetHeight")
STEPS_PER_FLIGHT = 32
STEPS_PER_DRAG_TIME = 2
INSTANT_FLIGHT = 1e-100  # src/flight.ts: a shorter flight is not flown
ROOT_ITERATIONS = 100  # at most, for the impact's root, as in kernel/stop.ts
# The ICAO standard atmosphere's constants (src/air.ts).
LAPSE_RATE = 0.0065
GAS_CONSTANT = 287.05287
HEAT_CAPACITY_RATIO = 1.4
STANDARD_GRAVITY = 9.80665
DENSITY_EXPONENT = STANDARD_GRAVITY / (GAS_CONSTANT * LAPSE_RATE) - 1
# The GS table (src/drag-tables.ts), for a run without --stdin (its slopes are then SciPy's PCHIP's, computed here).
GS_POINTS = [
    (0, 0.4662), (0.05, 0.4689), (0.1, 0.4717), (0.15, 0.4745), (0.2, 0.4772), (0.25, 0.48), (0.3, 0.4827),
    (0.35, 0.4852), (0.4, 0.4882), (0.45, 0.492), (0.5, 0.497), (0.55, 0.508), (0.6, 0.526), (0.65, 0.559),
    (0.7, 0.592), (0.75, 0.6258), (0.8, 0.661), (0.85, 0.6985), (0.9, 0.737), (0.95, 0.7757), (1, 0.814),
    (1.05, 0.8512), (1.1, 0.887), (1.15, 0.921), (1.2, 0.951), (1.25, 0.974), (1.3, 0.991), (1.35, 0.999),
    (1.4, 1.003), (1.45, 1.006), (1.5, 1.008), (1.55, 1.009), (1.6, 1.009), (1.65, 1.009), (1.7, 1.009),
    (1.75, 1.008), (1.8, 1.007), (1.85, 1.006), (1.9, 1.004), (1.95, 1.0025), (2, 1.001), (2.05, 0.999), (2.1, 0.997),
    (2.15, 0.9956), (2.2, 0.994), (2.25, 0.9916), (2.3, 0.989), (2.35, 0.9869), (2.4, 0.985), (2.45, 0.983),
    (2.5, 0.981), (2.55, 0.979), (2.6, 0.977), (2.65, 0.975), (2.7, 0.973), (2.75, 0.971), (2.8, 0.969),
    (2.85, 0.967), (2.9, 0.965), (2.95, 0.963), (3, 0.961), (3.05, 0.9589), (3.1, 0.957), (3.15, 0.9555),
    (3.2, 0.954), (3.25, 0.952), (3.3, 0.95), (3.35, 0.9485), (3.4, 0.947), (3.45, 0.945), (3.5, 0.943),
    (3.55, 0.9414), (3.6, 0.94), (3.65, 0.9385), (3.7, 0.937), (3.75, 0.9355), (3.8, 0.934), (3.85, 0.9325),
    (3.9, 0.931), (3.95, 0.9295), (4, 0.928),
]


def pchip_slopes(x, y):
    """SciPy's PchipInterpolator slopes (src/drag.ts, pchipSlopes), for a table given without its slopes."""
    h = np.diff(x)
    secant = np.diff(y) / h
    n = len(x)
    slopes = np.zeros(n)
    if n == 2:
        return np.full(n, secant[0])
    for k in range(1, n - 1):
        before, after = secant[k - 1], secant[k]
        if before * after <= 0:
            continue
        w1, w2 = 2 * h[k] + h[k - 1], h[k] + 2 * h[k - 1]
        slopes[k] = (w1 + w2) / (w1 / before + w2 / after)

    def end(h0, h1, m0, m1):
        d = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1)
        if np.sign(d) != np.sign(m0):
            return 0.0
        if np.sign(m0) != np.sign(m1) and abs(d) > abs(3 * m0):
            return 3 * m0
        return d
    slopes[0] = end(h[0], h[1], secant[0], secant[1])
    slopes[-1] = end(h[-1], h[-2], secant[-1], secant[-2])
    return slopes


def standard_air():
    """The ICAO standard atmosphere at sea level (src/air.ts, air(0))."""
    temperature = 288.15
    return {"density": 101325 / (GAS_CONSTANT * temperature), "speedOfSound": math.sqrt(HEAT_CAPACITY_RATIO * GAS_CONSTANT * temperature),
            "temperature": temperature}


class Table:
    """A drag table as the kernel lays it out (src/impacts.ts, layTable): each piece's cubic in power form in its
    fraction t = (M - M_k)/h_k, and a uniform grid a quarter of the narrowest interval wide naming the piece at each
    cell's start (one step on from it at most), so that a lookup costs no search."""

    def __init__(self, mach, cd, slopes):
        mach, cd, slopes = (np.asarray(v, np.float64) for v in (mach, cd, slopes))
        h = np.diff(mach)
        y0, y1, m0, m1 = cd[:-1], cd[1:], h * slopes[:-1], h * slopes[1:]
        self.start = mach[:-1]
        self.inv_h = 1 / h
        self.coefficients = np.stack([y0, m0, 3 * (y1 - y0) - 2 * m0 - m1, 2 * (y0 - y1) + m0 + m1])
        span = mach[-1] - mach[0]
        cells = max(1, min(65536, math.ceil(4 * span / h.min())))
        self.first, self.last, self.cells = float(mach[0]), float(mach[-1]), cells
        self.inv_cell = cells / span
        starts = mach[0] + np.arange(cells) * (span / cells)
        self.grid = np.clip(np.searchsorted(mach, starts, side="right") - 1, 0, len(h) - 1).astype(np.int32)
        self.next_start = np.append(mach[1:-1], np.inf)  # the next piece's start (none after the last)
        self.cd_first, self.cd_last = float(cd[0]), float(cd[-1])
        self.largest = float(cd.max())

    def arrays(self, dtype):
        return {"start": jnp.asarray(self.start, dtype), "inv_h": jnp.asarray(self.inv_h, dtype), "c": jnp.asarray(self.coefficients, dtype),
                "grid": jnp.asarray(self.grid), "next": jnp.asarray(self.next_start, dtype)}


def drag_coefficient(table, arrays, mach):
    """Cd(M) on the table's cubic, held at its ends beyond them."""
    cell = jnp.clip(((mach - table.first) * table.inv_cell).astype(jnp.int32), 0, table.cells - 1)
    piece = arrays["grid"][cell]
    piece = piece + (arrays["next"][piece] <= mach).astype(jnp.int32)
    piece = jnp.minimum(piece, arrays["start"].shape[0] - 1)
    t = (mach - arrays["start"][piece]) * arrays["inv_h"][piece]
    c = arrays["c"][:, piece]
    cd = c[0] + t * (c[1] + t * (c[2] + t * c[3]))
    return jnp.where(mach > table.first, jnp.where(mach < table.last, cd, table.cd_last), table.cd_first)


class Model:
    """Constant drag (tableDrag None), or a ball on a drag table: its K per unit form factor and its muzzle's air."""

    def __init__(self, table_drag):
        self.table = None
        if table_drag:
            t = table_drag["table"]
            self.table = Table(t["mach"], t["cd"], t["slopes"])
            air = table_drag.get("air") or standard_air()
            self.per_form_factor = math.pi * table_drag["diameter"] ** 2 / (8 * table_drag["mass"])
            self.density = air["density"]
            self.sound = air["speedOfSound"]
            self.u_per_height = LAPSE_RATE / air["temperature"]

    def functions(self, dtype, steps):
        """The jitted impacts (value) and the three ways to get all their derivatives, for this dtype."""
        arrays = self.table.arrays(dtype) if self.table else None
        impacts = lambda *inputs: fly_impacts(self, arrays, steps, *inputs)  # noqa: E731

        def value(*inputs):
            x, y, t, _ = impacts(*inputs)
            return x, y, t

        def masked(*inputs):
            x, y, t, landed = impacts(*inputs)
            return tuple(jnp.where(landed, v, 0.0) for v in (x, y, t)), (x, y, t)

        def reverse(*inputs):
            # One forward pass (its vjp), pulled back three times, once for each of x, y and t (a lax.map over the
            # three cotangents: one backward pass compiled, run three times).
            _, pullback, values = jax.vjp(masked, *inputs, has_aux=True)
            cotangents = jnp.broadcast_to(jnp.eye(3, dtype=dtype)[:, :, None], (3, 3, inputs[0].shape[0]))
            grads = lax.map(lambda c: pullback((c[0], c[1], c[2])), cotangents)
            return values, grads  # per input, stacked over the outputs

        def forward(*inputs):
            # One jvp per input (a lax.map over the nine tangents: one jvp compiled, run nine times).
            n = len(inputs)
            basis = jnp.broadcast_to(jnp.eye(n, dtype=dtype)[:, :, None], (n, n, inputs[0].shape[0]))
            _, values = masked(*inputs)
            grads = lax.map(lambda t: jax.jvp(masked, inputs, tuple(t[j] for j in range(n)))[1][0], basis)
            return values, grads  # per output, stacked over the inputs

        def vmap_jvp(*inputs):
            # The nine jvps at once (vmap of jvp).
            n = len(inputs)
            basis = jnp.broadcast_to(jnp.eye(n, dtype=dtype)[:, :, None], (n, n, inputs[0].shape[0]))
            _, values = masked(*inputs)
            grads = jax.vmap(lambda t: jax.jvp(masked, inputs, tuple(t[j] for j in range(n)))[1][0])(basis)
            return values, grads  # per output, stacked over the inputs

        return {"value": jax.jit(value), "reverse": jax.jit(reverse), "forward": jax.jit(forward), "vmapJvp": jax.jit(vmap_jvp)}


def plan(model, speed, elevation, azimuth, gravity, drag, wind_x, wind_y, launch, target):
    """The launch velocity, the drag scale, the step, and whether the shot is flown (src/impacts.ts)."""
    cos_e, sin_e = jnp.cos(elevation), jnp.sin(elevation)
    horizontal = speed * cos_e
    vx, vy, vz = horizontal * jnp.cos(azimuth), horizontal * jnp.sin(azimuth), speed * sin_e
    disc = vz * vz + 2 * gravity * (launch - target)
    flown = disc >= 0
    vacuum_time = (vz + jnp.sqrt(jnp.where(flown, disc, 1.0))) / gravity
    flown = flown & (vacuum_time > INSTANT_FLIGHT)
    vacuum_time = jnp.where(flown, vacuum_time, 1.0)  # a finite stand-in, so that no NaN reaches a gradient
    scale = drag * model.per_form_factor if model.table else drag
    bound = scale * (model.density * model.table.largest) if model.table else scale
    gt = gravity * vacuum_time
    through_air = jnp.sqrt(speed * speed + (wind_x * wind_x + wind_y * wind_y) + gt * gt)
    dt = vacuum_time / (STEPS_PER_FLIGHT + STEPS_PER_DRAG_TIME * bound * through_air * vacuum_time)
    return (vx, vy, vz), scale, dt, flown


def make_acceleration(model, arrays, scale, gravity, wind_x, wind_y, muzzle):
    def acceleration(ux, uy, uz, z):
        rx, ry = ux - wind_x, uy - wind_y
        s = jnp.sqrt(rx * rx + ry * ry + uz * uz)
        if model.table:
            tau = 1 - model.u_per_height * (z - muzzle)
            mach = s / (model.sound * jnp.sqrt(tau))
            drag = scale * (model.density * tau ** DENSITY_EXPONENT * drag_coefficient(model.table, arrays, mach))
        else:
            drag = scale
        q = drag * s
        return -q * rx, -q * ry, -gravity - q * uz
    return acceleration


def make_step(acceleration, target, dt):
    """One RK4 step of every shot, keeping each shot's bracket (its state before and after its stopping step)."""
    half = dt * 0.5
    h2 = dt * dt * (1.0 / 6.0)
    h6 = dt * (1.0 / 6.0)

    def step(carry):
        state, done, bracket, count = carry
        x, y, z, ux, uy, uz = state
        k1 = acceleration(ux, uy, uz, z)
        u2 = (ux + half * k1[0], uy + half * k1[1], uz + half * k1[2])
        k2 = acceleration(*u2, z + half * uz)
        u3 = (ux + half * k2[0], uy + half * k2[1], uz + half * k2[2])
        k3 = acceleration(*u3, z + half * u2[2])
        u4 = (ux + dt * k3[0], uy + dt * k3[1], uz + dt * k3[2])
        k4 = acceleration(*u4, z + dt * u3[2])
        position = tuple(p + dt * u + h2 * (a + b + c) for p, u, a, b, c in zip((x, y, z), (ux, uy, uz), k1, k2, k3))
        velocity = tuple(u + h6 * (a + 2 * b + 2 * c + d) for u, a, b, c, d in zip((ux, uy, uz), k1, k2, k3, k4))
        new = position + velocity
        stop = ~done & (new[2] < target) & ((z >= target) | (new[5] <= 0))
        bracket = tuple(jnp.where(stop, value, old) for value, old in zip(state + new, bracket))
        count = count + jnp.where(done, 0, 1)
        return new, done | stop, bracket, count
    return step


def start_of(velocity, launch):
    vx, vy, vz = velocity
    zero = jnp.zeros_like(vx)
    return (zero, zero, launch, vx, vy, vz), jnp.zeros(vx.shape, bool), (zero,) * 12, jnp.zeros(vx.shape, jnp.int32)


def fly(acceleration, velocity, launch, target, dt, steps):
    """Steps every shot `steps` times (a lax.scan); returns each shot's bracket, whether it stopped, and the steps
    it took."""
    step = make_step(acceleration, target, dt)
    # Rematerialised in reverse mode (as jax_physics.py): XLA's backward pass of the stored steps is far slower.
    (_, done, bracket, count), _ = lax.scan(jax.checkpoint(lambda carry, _: (step(carry), None)), start_of(velocity, launch), None, length=steps)
    return bracket, done, count


def hermite(p0, v0, p1, v1, dt, t):
    t2 = t * t
    t3 = t2 * t
    return (2 * t3 - 3 * t2 + 1) * p0 + (t3 - 2 * t2 + t) * dt * v0 + (3 * t2 - 2 * t3) * p1 + (t3 - t2) * dt * v1


def hermite_slope(p0, v0, p1, v1, dt, t):
    t2 = t * t
    return (6 * t2 - 6 * t) * (p0 - p1) + (3 * t2 - 4 * t + 1) * dt * v0 + (3 * t2 - 2 * t) * dt * v1


def descent(height, z0, vz0, z1, vz1, dt):
    """The step fraction of the descent through h (kernel/stop.ts, descentThrough), or -1 where there is none."""
    below = z0 < height
    # Both ends below h: it may rise above h inside the step, from the apex, the root of the quadratic slope.
    a = 6 * (z0 - z1) + 3 * dt * (vz0 + vz1)
    b = -6 * (z0 - z1) - 4 * dt * vz0 - 2 * dt * vz1
    c = dt * vz0
    disc = jnp.maximum(b * b - 4 * a * c, 0.0)
    q = -0.5 * (b + jnp.where(b >= 0, 1.0, -1.0) * jnp.sqrt(disc))
    r1 = jnp.where(a == 0, -c / jnp.where(b == 0, 1.0, b), q / jnp.where(a == 0, 1.0, a))
    r2 = c / jnp.where(q == 0, 1.0, q)
    apex = jnp.where((r1 >= 0) & (r1 <= 1), r1, r2)
    lo = jnp.where(below, jnp.clip(apex, 0.0, 1.0), 0.0)
    f_lo = hermite(z0, vz0, z1, vz1, dt, lo) - height
    valid = (z1 < height) & (~below | ((vz0 > 0) & (vz1 <= 0) & (f_lo >= 0)))
    hi = jnp.ones_like(lo)
    f_hi = hermite(z0, vz0, z1, vz1, dt, hi) - height
    denominator = f_lo - f_hi
    theta = lo + (hi - lo) * (f_lo / jnp.where(denominator == 0, 1.0, denominator))
    # Bracketed Newton until |Z - h| is within what rounding leaves of it (kernel/stop.ts's test), or the step or the
    # bracket is under the tolerance; each shot stops on its own, the loop when all have.
    eps = float(jnp.finfo(z0.dtype).eps)
    rounding = 4 * eps * (jnp.abs(z0) + jnp.abs(dt * vz0) + jnp.abs(z1) + jnp.abs(dt * vz1) + jnp.abs(height))
    tolerance = 1e-15 if z0.dtype == jnp.float64 else 8 * eps

    def more(carry):
        i, _, _, _, active = carry
        return (i < ROOT_ITERATIONS) & jnp.any(active)

    def newton(carry):
        i, theta, lo, hi, active = carry
        f = hermite(z0, vz0, z1, vz1, dt, theta) - height
        converged = jnp.abs(f) <= rounding
        lo = jnp.where(active & (f > 0), theta, lo)
        hi = jnp.where(active & (f < 0), theta, hi)
        slope = hermite_slope(z0, vz0, z1, vz1, dt, theta)
        step = theta - f / jnp.where(slope == 0, 1.0, slope)
        step = jnp.where((step > lo) & (step < hi), step, 0.5 * (lo + hi))
        moving = active & ~converged
        done = (jnp.abs(step - theta) <= tolerance) | (hi - lo <= tolerance)
        return i + 1, jnp.where(moving, step, theta), lo, hi, moving & ~done

    _, theta, _, _, _ = lax.while_loop(more, newton, (0, theta, lo, hi, valid & (f_lo != 0)))
    theta = jnp.where(f_lo == 0, lo, theta)
    return jnp.where(valid, theta, -1.0)


def fly_impacts(model, arrays, steps, speed, elevation, azimuth, gravity, drag, wind_x, wind_y, launch, target):
    """The impacts (x, y, t; NaN where a shot does not come down through h) and where there is one; differentiable in
    every input."""
    velocity, scale, dt, flown = plan(model, speed, elevation, azimuth, gravity, drag, wind_x, wind_y, launch, target)
    acceleration = make_acceleration(model, arrays, scale, gravity, wind_x, wind_y, launch)
    (x0, y0, z0, vx0, vy0, vz0, x1, y1, z1, vx1, vy1, vz1), done, count = fly(acceleration, velocity, launch, target, dt, steps)
    # The root is found on values alone (no tangent goes through its loop); its derivative comes next.
    theta = descent(*(lax.stop_gradient(v) for v in (target, z0, vz0, z1, vz1, dt)))
    landed = flown & done & (theta >= 0)
    theta = jnp.where(landed, theta, 0.5)
    # The implicit function at the impact: one Newton correction, its slope held, moves theta by -(dZ - dh)/Z'.
    slope = lax.stop_gradient(hermite_slope(z0, vz0, z1, vz1, dt, theta))
    theta = theta - (hermite(z0, vz0, z1, vz1, dt, theta) - target) / jnp.where(landed & (slope != 0), slope, 1.0)
    x = hermite(x0, vx0, x1, vx1, dt, theta)
    y = hermite(y0, vy0, y1, vy1, dt, theta)
    t = ((count - 1).astype(dt.dtype) + theta) * dt
    nan = jnp.nan
    return jnp.where(landed, x, nan), jnp.where(landed, y, nan), jnp.where(landed, t, nan), landed


def steps_needed(model, inputs, bound=1 << 16):
    """The steps the batch needs (its longest shot's): the batch flown once, until every shot has stopped."""
    arrays = model.table.arrays(inputs[0].dtype) if model.table else None

    def count_steps(*inputs):
        velocity, scale, dt, flown = plan(model, *inputs)
        acceleration = make_acceleration(model, arrays, scale, inputs[3], inputs[5], inputs[6], inputs[7])
        step = make_step(acceleration, inputs[8], dt)
        more = lambda carry: (carry[0] < bound) & jnp.any(flown & ~carry[1][1])  # noqa: E731
        _, (_, done, _, count) = lax.while_loop(more, lambda carry: (carry[0] + 1, step(carry[1])), (0, start_of(velocity, inputs[7])))
        return flown, done, count
    flown, done, count = jax.jit(count_steps)(*inputs)
    unfinished = int(jnp.sum(flown & ~done))
    if unfinished:
        raise SystemExit(f"jax_impacts.py: {unfinished} shots need more than {bound} steps")
    return int(jnp.max(jnp.where(flown, count, 0)))


def median_us_per_shot(fn, args, repeats, budget_s=2.0):
    """Microseconds per shot: the median of `repeats` runs (fewer, but at least 3, when they would take over
    `budget_s`), after the compile and one more warm-up run; and the seconds the first call took (the compile)."""
    started = time.perf_counter()
    jax.block_until_ready(fn(*args))
    compile_s = time.perf_counter() - started
    started = time.perf_counter()
    jax.block_until_ready(fn(*args))
    repeats = max(3, min(repeats, int(budget_s / (time.perf_counter() - started))))
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        jax.block_until_ready(fn(*args))
        times.append(time.perf_counter() - started)
    return float(np.median(times)) * 1e6 / args[0].shape[0], compile_s


def draw(seed, batch):
    """Both boxes, without --stdin: the constant one (the field box turned to any azimuth, in a crosswind) and the
    GS cannonball's (5.4 kg, 0.11 m, standard air)."""
    rng = np.random.default_rng(seed)
    u = lambda low, high: rng.uniform(low, high, batch)  # noqa: E731
    constant = {"speed": u(4, 15), "elevation": u(0.2, 1.3), "azimuth": u(-math.pi, math.pi), "gravity": np.full(batch, 9.81), "drag": u(0, 0.05),
                "windX": u(-5, 5), "windY": u(-5, 5), "launchHeight": np.zeros(batch), "targetHeight": u(-1, 1)}
    gs = {**constant, "speed": u(100, 450), "elevation": u(0.05, 0.7), "drag": np.ones(batch), "targetHeight": u(-10, 10)}
    mach, cd = (np.array(v, np.float64) for v in zip(*GS_POINTS))
    table = {"mach": mach, "cd": cd, "slopes": pchip_slopes(mach, cd)}
    return {"constant": {"columns": constant}, "gs": {"columns": gs, "tableDrag": {"mass": 5.4, "diameter": 0.11, "table": table}}}


def column(values):
    return np.asarray([np.nan if v is None else v for v in values], np.float64)


def check(name, dtype, values, grads, ours):
    """The largest differences from our impacts and partials (float64)."""
    mine = [np.asarray(v, np.float64) for v in values]
    theirs = [column(ours[k]) for k in ("x", "y", "t")]
    both = ~np.isnan(theirs[0]) & ~np.isnan(mine[0])
    disagreements = int((np.isnan(theirs[0]) != np.isnan(mine[0])).sum())
    reach = np.hypot(theirs[0][both], theirs[1][both])
    position = np.maximum(np.abs(mine[0][both] - theirs[0][both]), np.abs(mine[1][both] - theirs[1][both]))
    line = {"peer": "jax", "kind": "check", "model": name, "dtype": dtype, "shots": int(both.sum()), "impactDisagreements": disagreements,
            "maxPositionDiff": float(position.max()), "maxRelativePositionDiff": float((position / np.maximum(reach, 1e-300)).max()),
            "maxTimeDiff": float(np.abs(mine[2][both] - theirs[2][both]).max())}
    if "partials" in ours:
        worst, worst_relative, worst_name = 0.0, 0.0, None
        for i, field in enumerate(FIELDS):
            for o, key in enumerate(("x", "y", "t")):
                theirs_ = column(ours["partials"][field][key])[both]
                mine_ = np.asarray(grads[o][i], np.float64)[both]
                diff = np.abs(mine_ - theirs_)
                relative = float(diff.max() / max(np.abs(theirs_).max(), 1e-300))
                worst = max(worst, float(diff.max()))
                if relative >= worst_relative:
                    worst_relative, worst_name = relative, f"d{key}/d{field}"
        line.update({"maxPartialDiff": worst, "maxRelativePartialDiff": worst_relative, "worstPartial": worst_name})
    print(json.dumps(line), flush=True)


def as_grads(mode, grads):
    """grads[output][input], whichever way they were computed."""
    if mode == "reverse":
        return [[grads[i][o] for i in range(len(FIELDS))] for o in range(3)]  # per input, stacked over the outputs
    return [[grads[o][i] for i in range(len(FIELDS))] for o in range(3)]  # per output, stacked over the inputs


def main():
    given = json.load(sys.stdin)["models"] if ARGS.stdin else draw(ARGS.seed, ARGS.batch)
    cores = len(os.sched_getaffinity(0))
    models, setup = {}, {}
    for name, spec in given.items():
        columns = {field: column(spec["columns"][field]) for field in FIELDS}
        model = Model(spec.get("tableDrag"))
        f64 = tuple(jnp.asarray(columns[f], jnp.float64) for f in FIELDS)
        steps = steps_needed(model, f64)
        models[name] = (spec, columns, model, steps)
        setup[name] = {"batch": int(columns["speed"].shape[0]), "steps": steps, "table": bool(model.table)}
    print(json.dumps({"peer": "jax", "kind": "setup", "jax": jax.__version__, "cores": cores, "xlaFlags": os.environ.get("XLA_FLAGS", ""),
                      "models": setup}), flush=True)

    dtypes = (jnp.float64, jnp.float32) if ARGS.f32 else (jnp.float64,)
    for name, (spec, columns, model, steps) in models.items():
        best_f64 = None
        for dtype in dtypes:
            dtype_name = jnp.dtype(dtype).name
            args = tuple(jnp.asarray(columns[f], dtype) for f in FIELDS)
            if dtype != jnp.float64:
                steps = max(steps, steps_needed(model, args))  # rounded otherwise, a shot may take a step more
            functions = model.functions(dtype, steps)
            line = {"peer": "jax", "kind": "time", "model": name, "dtype": dtype_name, "threads": ARGS.threads, "cores": cores,
                    "batch": int(args[0].shape[0]), "steps": steps}
            us, compile_s = median_us_per_shot(functions["value"], args, ARGS.repeats)
            print(json.dumps({**line, "what": "value", "usPerShot": us, "mode": "jit", "compileS": compile_s}), flush=True)
            modes, compiles = {}, {}
            if dtype == jnp.float64:
                ways = ARGS.modes.split(",")
            else:
                ways = [best_f64] if ARGS.f32_modes == "best" and best_f64 else ARGS.f32_modes.replace("best", "reverse").split(",")
            for mode in ways:
                modes[mode], compiles[mode] = median_us_per_shot(functions[mode], args, ARGS.repeats)
            best = min(modes, key=modes.get)
            if dtype == jnp.float64:
                best_f64 = best
            print(json.dumps({**line, "what": "allGrad", "usPerShot": modes[best], "mode": best, "modes": modes, "compileS": compiles}), flush=True)
            if "ours" in spec:
                values, grads = functions[best](*args)
                check(name, dtype_name, values, as_grads(best, grads), spec["ours"])
                if dtype == jnp.float64:
                    # Every way gives the same derivatives (to rounding): checked on the others too, in float64.
                    for mode in modes:
                        if mode != best:
                            values, grads = functions[mode](*args)
                            check(name, dtype_name + ":" + mode, values, as_grads(mode, grads), spec["ours"])


if __name__ == "__main__":
    main()
