#!/usr/bin/python3
"""PyTorch peer of the vacuum aimer spec: differentiable programming at its simplest, written the plain
PyTorch way (CPU, nn.Sequential, autograd, torch.optim.Adam).

What it computes
  An MLP 1 -> 32 tanh -> 32 tanh -> 2 sigmoid reads target/10 for a target distance in [0.5, 10] m; its
  outputs are scaled to a speed in [0, 10] m/s and an angle in [0, pi/2]. The decoder is the closed-form
  vacuum range v^2 sin(2a) / g (g = 9.81 m/s^2), and the loss is the mean squared landing error on a
  batch of 256 targets drawn uniformly from [0.5, 10] m afresh each step; Adam, learning rate 0.01.
  After training, the trained aimer's true landing errors are measured on 1000 evenly spaced targets
  in [0.5, 10] m. The same spec is trained by packages/inverse/bench/aim.mjs through trainAimer.

Usage
  /usr/bin/python3 vacuum_inverse.py [THREADS [STEPS]]
  THREADS  torch CPU threads (default 1)
  STEPS    training steps (default 2000)

Output: one JSON line on stdout:
  {"peer": "pytorch", "torch": torch version, "threads", "steps", "msPerStep": training time per step
   in ms (the training loop only), "finalLoss": the last batch's loss, "errP50", "errP95", "errMax":
   landing-error quantiles on the 1000 targets in metres (sorted errors at index floor(q * 1000))}
  The seed is fixed (0), so a run repeats.

Needs PyTorch (Debian: apt-get install python3-torch); without it, exits with status 3 and says so.
"""
import argparse
import json
import math
import sys
import time

try:
    import torch
except ImportError:
    print("vacuum_inverse.py needs PyTorch: apt-get install python3-torch", file=sys.stderr)
    sys.exit(3)

GRAVITY = 9.81
MAX_SPEED = 10.0
MAX_ANGLE = math.pi / 2
NEAREST, FARTHEST = 0.5, 10.0
BATCH = 256
LEARNING_RATE = 0.01


def vacuum_range(speed, angle):
    """Where a shot from ground level lands on level ground without air."""
    return speed * speed * torch.sin(2 * angle) / GRAVITY


def positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer; received {text}")
    return value


def main():
    parser = argparse.ArgumentParser(description="PyTorch peer: the vacuum aimer spec, through the vacuum range.")
    parser.add_argument("threads", nargs="?", type=positive_int, default=1)
    parser.add_argument("steps", nargs="?", type=positive_int, default=2000)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    aimer = torch.nn.Sequential(
        torch.nn.Linear(1, 32), torch.nn.Tanh(),
        torch.nn.Linear(32, 32), torch.nn.Tanh(),
        torch.nn.Linear(32, 2), torch.nn.Sigmoid(),
    )
    optimizer = torch.optim.Adam(aimer.parameters(), lr=LEARNING_RATE)

    def land(targets):
        """Targets (a column) -> where the aimer's shots land."""
        out = aimer(targets / FARTHEST)
        return vacuum_range(out[:, 0:1] * MAX_SPEED, out[:, 1:2] * MAX_ANGLE)

    started = time.perf_counter()
    for _ in range(args.steps):
        targets = torch.rand(BATCH, 1) * (FARTHEST - NEAREST) + NEAREST
        loss = ((land(targets) - targets) ** 2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    ms_per_step = (time.perf_counter() - started) * 1000 / args.steps

    with torch.no_grad():
        targets = torch.linspace(NEAREST, FARTHEST, 1000).unsqueeze(1)
        errors = (land(targets) - targets).abs().flatten().sort().values
    count = errors.numel()
    print(json.dumps({"peer": "pytorch", "torch": torch.__version__, "threads": args.threads, "steps": args.steps,
                      "msPerStep": round(ms_per_step, 4), "finalLoss": float(loss),
                      "errP50": float(errors[int(0.5 * count)]), "errP95": float(errors[int(0.95 * count)]),
                      "errMax": float(errors[-1])}), flush=True)


if __name__ == "__main__":
    main()
