"""JAX peer of the field aimer: the PyTorch peer's task and recipe (drag_aimer.py, rule for rule), written the
JAX way: the whole training step (fresh conditions, the RK4 flight as a lax.scan, the loss, its gradient and
optax's Adam) is one jax.jit, float32 as PyTorch's default.

What it computes (as drag_aimer.py; see its docstring)
  Conditions uniform in the field box: distance d in [1, 8] m, wind w in [-5, 5] m/s, drag k in [0, 0.05] 1/m,
  target height h in [-1, 1] m. MLP 4 -> 64 tanh -> 64 tanh -> 2 sigmoid on (d/8, w/5, k/0.05, h), scaled to a
  speed in [0, 15] m/s and an angle in [0, pi/2]; PyTorch's default initialisation (uniform, +-1/sqrt(fan in)).
  RK4 in N equal steps over 1.05 times the vacuum flight time down to h; landing where the path first comes
  down through h, interpolated linearly. Batches of 256 fresh conditions, Adam with learning rate 0.005,
  loss = mean (landing - d)^2 over landed shots + 10 mean relu(0.2 - apex)^2 over the others + 1e-4 mean speed^2.
  Accuracy on 512 fixed probe conditions flown with 4N steps, outside the clock.

Usage
  python jax_aimer.py [THREADS [STEPS [RK4_STEPS [REPORT_EVERY]]]]
  THREADS       1 (one core: XLA_FLAGS=--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1, the
                process pinned to one CPU; the default) or all
  STEPS         training steps (default 3000)
  RK4_STEPS     N, the RK4 steps of a training shot (default 40)
  REPORT_EVERY  check the probes every this many steps, and after the last one (default 250)
  --stop-at P95 stop after the first report whose p95 probe error is at most P95 metres

Output: one JSON object per line on stdout, for each report:
  {"peer": "jax", "threads", "cores", "step", "wallS": training seconds so far without compilation,
   "compileS": seconds to compile the step (once, before the first), "wallWithCompileS": their sum,
   "msPerStep": wallS / step in ms, "rk4Steps", "noLanding", "errP50", "errP95", "hitRate5cm"}
  The clock stops while the probes are evaluated. Seeds are fixed (network 0, batches 1, probes 7).
"""
import argparse
import json
import math
import os
import sys
import time


def positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer; received {text}")
    return value


parser = argparse.ArgumentParser(description="JAX peer: the field aimer, trained through an RK4 simulation in one jit.")
parser.add_argument("threads", nargs="?", choices=["1", "all"], default="1")
parser.add_argument("steps", nargs="?", type=positive_int, default=3000)
parser.add_argument("rk4_steps", nargs="?", type=positive_int, default=40)
parser.add_argument("report_every", nargs="?", type=positive_int, default=250)
parser.add_argument("--stop-at", type=float, default=None)
ARGS = parser.parse_args()
if ARGS.threads == "1":
    os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") + " --xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1").strip()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import optax  # noqa: E402
from jax import lax  # noqa: E402

GRAVITY = 9.81
MAX_SPEED = 15.0
MAX_ANGLE = math.pi / 2
BATCH = 256
PROBES = 512
LEARNING_RATE = 0.005
SPEED_PENALTY = 1e-4
MISS_WEIGHT = 10.0
APEX_CLEARANCE = 0.2
LAYERS = (4, 64, 64, 2)


def draw_conditions(key, count):
    """Uniform conditions from the field box: (distance, wind, drag, height)."""
    u = jax.random.uniform(key, (4, count), jnp.float32)
    return 1.0 + 7.0 * u[0], -5.0 + 10.0 * u[1], 0.05 * u[2], -1.0 + 2.0 * u[3]


def init_network(key):
    """PyTorch's nn.Linear initialisation: weights and biases uniform in +-1/sqrt(fan in)."""
    params = []
    for fan_in, fan_out in zip(LAYERS[:-1], LAYERS[1:]):
        key, kw, kb = jax.random.split(key, 3)
        bound = 1.0 / math.sqrt(fan_in)
        params.append((jax.random.uniform(kw, (fan_in, fan_out), jnp.float32, -bound, bound),
                       jax.random.uniform(kb, (fan_out,), jnp.float32, -bound, bound)))
    return params


def aim(params, distance, wind, drag, height):
    x = jnp.stack([distance / 8, wind / 5, drag / 0.05, height], axis=1)
    for i, (w, b) in enumerate(params):
        x = x @ w + b
        x = jnp.tanh(x) if i < len(params) - 1 else jax.nn.sigmoid(x)
    return x[:, 0] * MAX_SPEED, x[:, 1] * MAX_ANGLE


def fly(speed, angle, wind, drag, height, rk4_steps):
    """(landing x, landed, apex above height) of a batch of shots, as drag_aimer.py's fly."""
    vx = speed * jnp.cos(angle)
    vy = speed * jnp.sin(angle)
    root = jnp.sqrt(jnp.maximum(vy * vy - 2 * GRAVITY * height, 1e-6))
    duration = (vy + root) / GRAVITY * 1.05 + 1e-3
    h = duration / rk4_steps
    half, sixth = h / 2, h / 6

    def acceleration(ux, uy):
        rx = ux - wind
        airspeed = jnp.sqrt(rx * rx + uy * uy + 1e-12)
        return -drag * rx * airspeed, -GRAVITY - drag * uy * airspeed

    def step(state, _):
        x, y, vx, vy = state
        ax1, ay1 = acceleration(vx, vy)
        ux2, uy2 = vx + half * ax1, vy + half * ay1
        ax2, ay2 = acceleration(ux2, uy2)
        ux3, uy3 = vx + half * ax2, vy + half * ay2
        ax3, ay3 = acceleration(ux3, uy3)
        ux4, uy4 = vx + h * ax3, vy + h * ay3
        ax4, ay4 = acceleration(ux4, uy4)
        x = x + sixth * (vx + 2 * ux2 + 2 * ux3 + ux4)
        y = y + sixth * (vy + 2 * uy2 + 2 * uy3 + uy4)
        vx = vx + sixth * (ax1 + 2 * ax2 + 2 * ax3 + ax4)
        vy = vy + sixth * (ay1 + 2 * ay2 + 2 * ay3 + ay4)
        return (x, y, vx, vy), (x, y)

    x0 = jnp.zeros_like(speed)
    y0 = -height
    _, (xs, ys) = lax.scan(step, (x0, y0, vx, vy), None, length=rk4_steps)
    path_x = jnp.concatenate([x0[None], xs])
    path_y = jnp.concatenate([y0[None], ys])
    descends = (path_y[:-1] > 0) & (path_y[1:] <= 0)
    index = jnp.arange(rk4_steps)[:, None]
    first = jnp.min(jnp.where(descends, index, rk4_steps), axis=0)
    landed = first < rk4_steps
    before = jnp.minimum(first, rk4_steps - 1)[None]
    after = before + 1
    y_0, y_1 = jnp.take_along_axis(path_y, before, 0)[0], jnp.take_along_axis(path_y, after, 0)[0]
    x_0, x_1 = jnp.take_along_axis(path_x, before, 0)[0], jnp.take_along_axis(path_x, after, 0)[0]
    landing = x_0 + y_0 / (y_0 - y_1 + 1e-12) * (x_1 - x_0)
    return landing, landed, jnp.max(path_y, axis=0)


def training_loss(params, conditions, rk4_steps):
    distance, wind, drag, height = conditions
    speed, angle = aim(params, *conditions)
    landing, landed, apex = fly(speed, angle, wind, drag, height, rk4_steps)
    hit = jnp.mean((landing - distance) ** 2 * landed)
    lift = jnp.mean(jax.nn.relu(APEX_CLEARANCE - apex) ** 2 * ~landed)
    return hit + MISS_WEIGHT * lift + SPEED_PENALTY * jnp.mean(speed * speed)


def main():
    cores = len(os.sched_getaffinity(0))
    rk4_steps = ARGS.rk4_steps
    optimizer = optax.adam(LEARNING_RATE)

    def train_step(params, state, key):
        key, batch_key = jax.random.split(key)
        loss, grads = jax.value_and_grad(training_loss)(params, draw_conditions(batch_key, BATCH), rk4_steps)
        updates, state = optimizer.update(grads, state, params)
        return optax.apply_updates(params, updates), state, key, loss

    @jax.jit
    def probe_errors(params, probes):
        distance, wind, drag, height = probes
        speed, angle = aim(params, *probes)
        landing, landed, _ = fly(speed, angle, wind, drag, height, 4 * rk4_steps)
        return jnp.sort(jnp.where(landed, jnp.abs(landing - distance), jnp.inf)), jnp.sum(~landed)

    params = init_network(jax.random.PRNGKey(0))
    state = optimizer.init(params)
    key = jax.random.PRNGKey(1)
    probes = draw_conditions(jax.random.PRNGKey(7), PROBES)

    started = time.perf_counter()
    step_fn = jax.jit(train_step).lower(params, state, key).compile()
    compile_seconds = time.perf_counter() - started
    probe_errors(params, probes)[0].block_until_ready()  # compiled outside the clock, as evaluation is

    training_seconds = 0.0
    for step in range(1, ARGS.steps + 1):
        started = time.perf_counter()
        params, state, key, loss = step_fn(params, state, key)
        report = step % ARGS.report_every == 0 or step == ARGS.steps
        if report:
            loss.block_until_ready()  # dispatch is asynchronous: the clock waits for the work
        training_seconds += time.perf_counter() - started
        if report:
            errors, misses = probe_errors(params, probes)
            errors = np.asarray(errors)
            count = errors.size
            line = {"peer": "jax", "threads": ARGS.threads, "cores": cores, "step": step, "wallS": round(training_seconds, 3),
                    "compileS": round(compile_seconds, 3), "wallWithCompileS": round(training_seconds + compile_seconds, 3),
                    "msPerStep": round(training_seconds * 1000 / step, 4), "rk4Steps": rk4_steps,
                    "noLanding": int(misses), "errP50": float(errors[int(0.5 * count)]), "errP95": float(errors[int(0.95 * count)]),
                    "hitRate5cm": float(np.mean(errors <= 0.05))}
            print(json.dumps(line), flush=True)
            if ARGS.stop_at is not None and line["errP95"] <= ARGS.stop_at:
                break


if __name__ == "__main__":
    main()
