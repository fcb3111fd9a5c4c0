"""JAX peer of the physics benchmark: the landing distances of a batch of shots, and their derivatives, with the
same discrete model as @cannon/physics (packages/physics/kernel/flight.ts and src/flight.ts), jitted by XLA.

The model (the kernel's, rule for rule)
  A shot leaves the muzzle (height 0) at speed v and angle a, and stops where it descends through the target
  height h. Forces: dvx/dt = -k (vx - w) s, dvy/dt = -g - k vy s, s = |(vx - w, vy)|, g = 9.81 m/s^2.
  T = (vy + sqrt(vy^2 - 2 g h)) / g is the vacuum flight time (no landing where the root is imaginary);
  the step is dt = T / (32 + 2 k S T), S = sqrt(v^2 + w^2 + (g T)^2) (src/flight.ts, stepSize).
  Classical RK4 on the velocity: x <- x + dt v + dt^2/6 (k1 + k2 + k3), v <- v + dt/6 (k1 + 2 k2 + 2 k3 + k4).
  It stops after the first step whose end is below h and whose start was at or above h, or whose end is
  falling. Inside that step the path is the cubic Hermite interpolant of the step's end states; the landing
  is its root Y(theta) = h (src/impact.ts, descentThrough: from the apex when both ends are below h), and
  the distance X(theta). The derivatives are those of this discrete model: through the steps, and at the
  impact by the implicit function theorem (one Newton correction on the converged root, with the slope held).

What it times (jax.jit, after warm-up, the median of REPEATS runs, with block_until_ready), per shot:
  value              the landing distances alone;
  valueGrad          distances and d/d(speed, angle): the best of reverse mode (value_and_grad of the masked
                     sum), forward mode (one jvp per input) and vmap of jvp (the two tangents at once);
  valueGradWithWorld distances and d/d(speed, angle, drag, wind), the same three ways;
  in float64 and in float32.
  The step loop is a lax.scan over the steps the batch needs (the longest shot's), each shot keeping the
  bracket of its own stopping step; no shot of the field box is cut short (checked, and reported).

Usage
  python jax_physics.py [--threads 1|all] [--batch N] [--seed S] [--repeats R] [--stdin]
  --threads 1   one core: XLA_FLAGS=--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1 and
                the process pinned to one CPU (the default); --threads all: every core, XLA's defaults.
  --stdin       read the shots from stdin as JSON {"speed", "angle", "drag", "wind", "targetHeight": [...],
                and optionally "distance", "dSpeed", "dAngle": the landings and derivatives to check against};
                otherwise the batch is drawn from the field box with --seed.

Output: JSON lines on stdout:
  {"peer": "jax", "kind": "setup", "jax", "cores", "xlaFlags", "batch", "steps", "unlanded"}
  {"peer": "jax", "kind": "check", "dtype", "shots", "maxDistanceDiff", "maxGradDiff"} when shots to check are given
  {"peer": "jax", "kind": "time", "dtype", "what": "value" | "valueGrad" | "valueGradWithWorld", "usPerShot",
   "mode": the fastest way, "modes": {way: usPerShot}, "threads", "cores"}
"""
import argparse
import json
import os
import sys
import time


def parse_args():
    parser = argparse.ArgumentParser(description="JAX peer: landing distances and their derivatives, jitted.")
    parser.add_argument("--threads", choices=["1", "all"], default="1")
    parser.add_argument("--batch", type=int, default=4096)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--repeats", type=int, default=15)
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

GRAVITY = 9.81
STEPS_PER_FLIGHT = 32
STEPS_PER_DRAG_TIME = 2
ROOT_ITERATIONS = 100  # at most, for the impact's root, as in src/impact.ts


def plan(speed, angle, drag, wind, height):
    """The launch velocity, the step, and whether the shot is flown (it comes down through h in vacuum)."""
    vx, vy = speed * jnp.cos(angle), speed * jnp.sin(angle)
    disc = vy * vy - 2 * GRAVITY * height  # drop = launch height (0) - target height
    flown = disc >= 0
    vacuum_time = (vy + jnp.sqrt(jnp.where(flown, disc, 1.0))) / GRAVITY
    flown = flown & (vacuum_time > 0)
    vacuum_time = jnp.where(flown, vacuum_time, 1.0)  # a finite stand-in, so that no NaN reaches a gradient
    gt = GRAVITY * vacuum_time
    air = jnp.sqrt(speed * speed + wind * wind + gt * gt)
    dt = vacuum_time / (STEPS_PER_FLIGHT + STEPS_PER_DRAG_TIME * drag * air * vacuum_time)
    return vx, vy, dt, flown


def acceleration(ux, uy, drag, wind):
    rx = ux - wind
    s = jnp.sqrt(rx * rx + uy * uy)
    return -(drag * rx) * s, -GRAVITY - (drag * uy) * s


def fly(vx, vy, dt, drag, wind, height, steps):
    """Steps every shot `steps` times; returns each shot's bracket (state before and after its stopping step)."""
    zero = jnp.zeros_like(vx)
    half = dt * 0.5
    h2 = dt * dt * (1.0 / 6.0)
    h6 = dt * (1.0 / 6.0)

    def step(carry, _):
        x, y, ux, uy, done, bracket, count = carry
        k1x, k1y = acceleration(ux, uy, drag, wind)
        k2x, k2y = acceleration(ux + half * k1x, uy + half * k1y, drag, wind)
        k3x, k3y = acceleration(ux + half * k2x, uy + half * k2y, drag, wind)
        k4x, k4y = acceleration(ux + dt * k3x, uy + dt * k3y, drag, wind)
        nx = x + dt * ux + h2 * (k1x + k2x + k3x)
        ny = y + dt * uy + h2 * (k1y + k2y + k3y)
        nvx = ux + h6 * (k1x + 2 * k2x + 2 * k3x + k4x)
        nvy = uy + h6 * (k1y + 2 * k2y + 2 * k3y + k4y)
        stop = ~done & (ny < height) & ((y >= height) | (nvy <= 0))
        now = (x, y, ux, uy, nx, ny, nvx, nvy)
        bracket = tuple(jnp.where(stop, new, old) for new, old in zip(now, bracket))
        count = count + jnp.where(done, 0, 1)
        return (nx, ny, nvx, nvy, done | stop, bracket, count), None

    start = (zero, zero, vx, vy, jnp.zeros(vx.shape, bool), (zero,) * 8, jnp.zeros(vx.shape, jnp.int32))
    # Rematerialised in reverse mode: without it, XLA's float64 backward pass is over 20 times slower here.
    (_, _, _, _, done, bracket, count), _ = lax.scan(jax.checkpoint(step), start, None, length=steps)
    return bracket, done, count


def hermite(p0, v0, p1, v1, dt, t):
    t2 = t * t
    t3 = t2 * t
    return (2 * t3 - 3 * t2 + 1) * p0 + (t3 - 2 * t2 + t) * dt * v0 + (3 * t2 - 2 * t3) * p1 + (t3 - t2) * dt * v1


def hermite_slope(p0, v0, p1, v1, dt, t):
    t2 = t * t
    return (6 * t2 - 6 * t) * (p0 - p1) + (3 * t2 - 4 * t + 1) * dt * v0 + (3 * t2 - 2 * t) * dt * v1


def impact(height, y0, vy0, y1, vy1, dt):
    """The step fraction of the descent through h (src/impact.ts), or a negative number where there is none."""
    below = y0 < height
    # Both ends below h: it may rise above h inside the step, from the apex, the root of the quadratic slope.
    a = 6 * (y0 - y1) + 3 * dt * (vy0 + vy1)
    b = -6 * (y0 - y1) - 4 * dt * vy0 - 2 * dt * vy1
    c = dt * vy0
    disc = jnp.maximum(b * b - 4 * a * c, 0.0)
    q = -0.5 * (b + jnp.where(b >= 0, 1.0, -1.0) * jnp.sqrt(disc))
    safe_q = jnp.where(q == 0, 1.0, q)
    r1 = jnp.where(a == 0, -c / jnp.where(b == 0, 1.0, b), q / jnp.where(a == 0, 1.0, a))
    r2 = c / safe_q
    apex = jnp.where((r1 >= 0) & (r1 <= 1), r1, r2)
    rising_apex = (vy0 > 0) & (vy1 <= 0)
    lo = jnp.where(below, jnp.clip(apex, 0.0, 1.0), 0.0)
    f_lo = hermite(y0, vy0, y1, vy1, dt, lo) - height
    valid = (y1 < height) & (~below | (rising_apex & (f_lo >= 0)))
    hi = jnp.ones_like(lo)
    f_hi = hermite(y0, vy0, y1, vy1, dt, hi) - height
    denominator = f_lo - f_hi
    theta = lo + (hi - lo) * (f_lo / jnp.where(denominator == 0, 1.0, denominator))
    # Newton steps kept inside the shrinking bracket, each shot until its own root has converged, as the
    # kernel's caller does (bracketedRoot: up to 100 steps, done when a step or the bracket is <= 1e-15, and
    # here also when |Y - h| is): the same root to a few ulps, in 5 steps on the field box.
    tolerance = 1e-15 if y0.dtype == jnp.float64 else 8 * float(jnp.finfo(y0.dtype).eps)  # float32: 1e-15 is out of reach

    def more(carry):
        i, _, _, _, active = carry
        return (i < ROOT_ITERATIONS) & jnp.any(active)

    def newton(carry):
        i, theta, lo, hi, active = carry
        f = hermite(y0, vy0, y1, vy1, dt, theta) - height
        lo = jnp.where(active & (f > 0), theta, lo)
        hi = jnp.where(active & (f < 0), theta, hi)
        slope = hermite_slope(y0, vy0, y1, vy1, dt, theta)
        step = theta - f / jnp.where(slope == 0, 1.0, slope)
        # (A Newton step onto the bracket's end is kept: there it has converged. Sending it to the middle
        # instead, as impact.ts does, costs some shots dozens of steps, and the batch waits for its slowest.)
        step = jnp.where((step >= lo) & (step <= hi), step, 0.5 * (lo + hi))
        moving = active & (f != 0)
        done = (jnp.abs(step - theta) <= tolerance) | (hi - lo <= tolerance) | (jnp.abs(f) <= tolerance)
        return i + 1, jnp.where(moving, step, theta), lo, hi, moving & ~done

    _, theta, _, _, _ = lax.while_loop(more, newton, (0, theta, lo, hi, valid & (f_lo != 0)))
    theta = jnp.where(f_lo == 0, lo, theta)
    return jnp.where(valid, theta, -1.0)


def landings(speed, angle, drag, wind, height, steps):
    """Landing distances (NaN where a shot does not come down through h), differentiable in every input."""
    vx, vy, dt, flown = plan(speed, angle, drag, wind, height)
    (x0, y0, vx0, vy0, x1, y1, vx1, vy1), done, _ = fly(vx, vy, dt, drag, wind, height, steps)
    # The root is found on values alone (no tangent goes through its loop); its derivative comes next.
    theta = impact(*(lax.stop_gradient(v) for v in (height, y0, vy0, y1, vy1, dt)))
    landed = flown & done & (theta >= 0)
    theta = jnp.where(landed, theta, 0.5)
    # Implicit function at the impact: one Newton correction, its slope held, moves theta by -dY/Y'.
    slope = lax.stop_gradient(hermite_slope(y0, vy0, y1, vy1, dt, theta))
    theta = theta - (hermite(y0, vy0, y1, vy1, dt, theta) - height) / jnp.where(landed & (slope != 0), slope, 1.0)
    distance = hermite(x0, vx0, x1, vx1, dt, theta)
    return jnp.where(landed, distance, jnp.nan), landed


def steps_needed(speed, angle, drag, wind, height):
    """The steps the batch needs (its longest shot's), found by flying it with a generous bound."""
    vx, vy, dt, flown = plan(speed, angle, drag, wind, height)
    _, done, count = jax.jit(fly, static_argnums=6)(vx, vy, dt, drag, wind, height, 4 * STEPS_PER_FLIGHT)
    unfinished = int(jnp.sum(flown & ~done))
    if unfinished:
        raise SystemExit(f"jax_physics.py: {unfinished} shots need more than {4 * STEPS_PER_FLIGHT} steps")
    return int(jnp.max(jnp.where(flown, count, 0)))


def make_functions(steps, world_inputs):
    """The jitted ways to get distances and their derivatives with respect to the first `world_inputs` inputs."""
    def value(speed, angle, drag, wind, height):
        return landings(speed, angle, drag, wind, height, steps)[0]

    n = world_inputs

    def split(args):
        return args[:n], args[n:]

    def reverse(*args):
        wrt, rest = split(args)

        def total(*wrt_):
            distance, landed = landings(*wrt_, *rest, steps)
            return jnp.sum(jnp.where(landed, distance, 0.0)), distance
        (_, distance), grads = jax.value_and_grad(total, argnums=tuple(range(n)), has_aux=True)(*wrt)
        return distance, grads

    def forward(*args):
        wrt, rest = split(args)
        f = lambda *wrt_: landings(*wrt_, *rest, steps)[0]  # noqa: E731
        grads = []
        for i in range(n):
            tangents = tuple(jnp.ones_like(x) if j == i else jnp.zeros_like(x) for j, x in enumerate(wrt))
            distance, grad = jax.jvp(f, wrt, tangents)
            grads.append(grad)
        return distance, tuple(grads)

    def vmap_jvp(*args):
        wrt, rest = split(args)
        f = lambda *wrt_: landings(*wrt_, *rest, steps)[0]  # noqa: E731
        basis = tuple(jnp.eye(n, dtype=wrt[0].dtype)[:, i:i + 1] * jnp.ones_like(wrt[0])[None, :] for i in range(n))
        distance = f(*wrt)
        grads = jax.vmap(lambda *t: jax.jvp(f, wrt, t)[1])(*basis)
        return distance, tuple(grads[i] for i in range(n))

    return {"value": jax.jit(value), "reverse": jax.jit(reverse), "forward": jax.jit(forward), "vmapJvp": jax.jit(vmap_jvp)}


def median_us_per_shot(fn, args, repeats):
    for _ in range(3):
        jax.block_until_ready(fn(*args))
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        jax.block_until_ready(fn(*args))
        times.append(time.perf_counter() - started)
    return float(np.median(times)) * 1e6 / args[0].shape[0]


def main():
    given = json.load(sys.stdin) if ARGS.stdin else None
    if given:
        columns = {name: np.asarray(given[name], np.float64) for name in ("speed", "angle", "drag", "wind", "targetHeight")}
    else:
        rng = np.random.default_rng(ARGS.seed)
        box = {"speed": (4, 15), "angle": (0.2, 1.3), "drag": (0, 0.05), "wind": (-5, 5), "targetHeight": (-1, 1)}
        columns = {name: rng.uniform(low, high, ARGS.batch) for name, (low, high) in box.items()}
    batch = columns["speed"].shape[0]
    order = ("speed", "angle", "drag", "wind", "targetHeight")
    cores = len(os.sched_getaffinity(0))
    f64 = tuple(jnp.asarray(columns[name], jnp.float64) for name in order)
    steps = steps_needed(*f64)
    unlanded = int(jnp.sum(jnp.isnan(jax.jit(landings, static_argnums=5)(*f64, steps)[0])))
    print(json.dumps({"peer": "jax", "kind": "setup", "jax": jax.__version__, "cores": cores, "xlaFlags": os.environ.get("XLA_FLAGS", ""),
                      "batch": batch, "steps": steps, "unlanded": unlanded}), flush=True)

    for dtype in (jnp.float64, jnp.float32):
        name = jnp.dtype(dtype).name
        args = tuple(jnp.asarray(columns[n], dtype) for n in order)
        launch = make_functions(steps, 2)
        world = make_functions(steps, 4)
        if given and "distance" in given:
            distance, (d_speed, d_angle) = launch["reverse"](*args)
            ours = np.asarray(given["distance"], np.float64)
            mine = np.asarray(distance, np.float64)
            both = ~np.isnan(ours) & ~np.isnan(mine)
            check = {"peer": "jax", "kind": "check", "dtype": name, "shots": int(both.sum()),
                     "landingDisagreements": int((np.isnan(ours) != np.isnan(mine)).sum()),
                     "maxDistanceDiff": float(np.max(np.abs(ours[both] - mine[both])))}
            if "dSpeed" in given:
                grads = [(np.asarray(given["dSpeed"]), np.asarray(d_speed)), (np.asarray(given["dAngle"]), np.asarray(d_angle))]
                check["maxGradDiff"] = float(max(np.max(np.abs(o[both] - m[both])) for o, m in grads))
            print(json.dumps(check), flush=True)
        line = {"peer": "jax", "kind": "time", "dtype": name, "threads": ARGS.threads, "cores": cores, "batch": batch, "steps": steps}
        print(json.dumps({**line, "what": "value", "usPerShot": median_us_per_shot(launch["value"], args, ARGS.repeats), "mode": "jit"}), flush=True)
        for what, functions in (("valueGrad", launch), ("valueGradWithWorld", world)):
            modes = {mode: median_us_per_shot(functions[mode], args, ARGS.repeats) for mode in ("reverse", "forward", "vmapJvp")}
            best = min(modes, key=modes.get)
            print(json.dumps({**line, "what": what, "usPerShot": modes[best], "mode": best, "modes": modes}), flush=True)


if __name__ == "__main__":
    main()
