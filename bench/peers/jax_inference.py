"""JAX peer of batch aiming: an aimer network's forward pass on a million targets of the field box, jitted (the
shots are not verified: the network's speed and angle, as @cannon/inverse's predictBatch gives them).

The network: 4 inputs (target, wind, drag, height, scaled to about [-1, 1]) -> the hidden tanh layers ->
2 sigmoid outputs, scaled to a speed in [0, 15] m/s and an angle in [0, pi/2]; random weights (the time does
not depend on them).

Usage
  python jax_inference.py [--threads 1|all] [--targets N] [--hidden 24,24,24] [--dtype float32|float64] [--repeats R]
  --threads 1: one core (XLA_FLAGS=--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1, pinned
  to one CPU; the default); all: every core.

Output: one JSON line {"peer": "jax", "targets", "hidden", "dtype", "threads", "cores", "seconds": the median
of R runs after warm-up, "aimsPerSecond", "compileS"}.
"""
import argparse
import json
import math
import os
import time

parser = argparse.ArgumentParser(description="JAX peer: an aimer's forward pass on many targets.")
parser.add_argument("--threads", choices=["1", "all"], default="1")
parser.add_argument("--targets", type=int, default=1_000_000)
parser.add_argument("--hidden", default="24,24,24")
parser.add_argument("--dtype", choices=["float32", "float64"], default="float32")
parser.add_argument("--repeats", type=int, default=7)
ARGS = parser.parse_args()
if ARGS.threads == "1":
    os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") + " --xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1").strip()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

if ARGS.dtype == "float64":
    jax.config.update("jax_enable_x64", True)


def main():
    dtype = jnp.dtype(ARGS.dtype)
    hidden = [int(n) for n in ARGS.hidden.split(",")]
    layers = [4, *hidden, 2]
    key = jax.random.PRNGKey(0)
    params = []
    for fan_in, fan_out in zip(layers[:-1], layers[1:]):
        key, kw, kb = jax.random.split(key, 3)
        bound = 1.0 / math.sqrt(fan_in)
        params.append((jax.random.uniform(kw, (fan_in, fan_out), dtype, -bound, bound), jax.random.uniform(kb, (fan_out,), dtype, -bound, bound)))
    u = jax.random.uniform(jax.random.PRNGKey(8), (4, ARGS.targets), dtype)
    target, wind, drag, height = 1.0 + 7.0 * u[0], -5.0 + 10.0 * u[1], 0.05 * u[2], -1.0 + 2.0 * u[3]

    def aim(params, target, wind, drag, height):
        x = jnp.stack([target / 8, wind / 5, drag / 0.05, height], axis=1)
        for i, (w, b) in enumerate(params):
            x = x @ w + b
            x = jnp.tanh(x) if i < len(params) - 1 else jax.nn.sigmoid(x)
        return x[:, 0] * 15.0, x[:, 1] * (math.pi / 2)

    started = time.perf_counter()
    compiled = jax.jit(aim).lower(params, target, wind, drag, height).compile()
    compile_seconds = time.perf_counter() - started
    for _ in range(2):
        jax.block_until_ready(compiled(params, target, wind, drag, height))
    times = []
    for _ in range(ARGS.repeats):
        started = time.perf_counter()
        jax.block_until_ready(compiled(params, target, wind, drag, height))
        times.append(time.perf_counter() - started)
    seconds = float(np.median(times))
    print(json.dumps({"peer": "jax", "targets": ARGS.targets, "hidden": hidden, "dtype": ARGS.dtype, "threads": ARGS.threads,
                      "cores": len(os.sched_getaffinity(0)), "seconds": seconds, "aimsPerSecond": ARGS.targets / seconds,
                      "compileS": compile_seconds}), flush=True)


if __name__ == "__main__":
    main()
