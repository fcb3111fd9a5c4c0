#!/usr/bin/python3
"""PyTorch peer of the field aimer: a network that aims the cannon under drag, wind and a target height,
trained through a differentiable simulation of the shot, written the plain PyTorch way (CPU, autograd
through an unrolled RK4 loop, torch.optim.Adam).

What it computes
  Conditions are drawn uniformly from the field box: target distance d in [1, 8] m, wind w in [-5, 5] m/s,
  drag k in [0, 0.05] 1/m, target height above the muzzle h in [-1, 1] m.
  The aimer is an MLP 4 -> 64 tanh -> 64 tanh -> 2 sigmoid on (d/8, w/5, k/0.05, h); its two outputs are
  scaled to a speed in [0, 15] m/s and an angle in [0, pi/2] (every condition of the box can be reached).
  A shot obeys  dvx/dt = -k (vx - w) s,  dvy/dt = -g - k vy s,  s = |(vx - w, vy)|,  g = 9.81 m/s^2,
  integrated with classical RK4 in N equal steps spanning 1.05 times the vacuum flight time of the same
  shot down to height h. The landing point is where the path first comes down through height h,
  interpolated linearly between the two RK4 points around the crossing.
  Training: batches of 256 fresh conditions, Adam with learning rate 0.005, loss =
      mean over the batch of (landing - d)^2 for shots that come down through h
    + 10 * mean of relu(0.2 - apex)^2 for shots that do not (lifts them until they clear h)
    + 1e-4 * mean(speed^2)                                     (prefers the gentlest of the possible shots).
  Accuracy is measured on 512 fixed probe conditions (their own seed), simulated with 4N RK4 steps, without
  gradients; a probe shot that never comes down through h is a miss with an infinite error.

Usage
  /usr/bin/python3 drag_aimer.py [THREADS [STEPS [RK4_STEPS [REPORT_EVERY]]]]
  THREADS       torch CPU threads (default 1)
  STEPS         training steps (default 3000)
  RK4_STEPS     N, the RK4 steps of a training shot (default 40)
  REPORT_EVERY  print a line every this many steps, and after the last one (default 250)

Output: one JSON object per line on stdout, for each report:
  {"peer": "pytorch", "threads", "step", "wallS": training seconds so far, "msPerStep": wallS / step in ms,
   "rk4Steps": N, "noLanding": probe shots that never come down through h, "errP50", "errP95": quantiles
   of the probe landing errors in metres (sorted errors at index floor(q * 512)), "hitRate5cm": fraction of
   probes within 5 cm}
  The clock covers training only: it stops while the probes are evaluated, as in the TypeScript benchmark
  this peer is compared with. Seeds are fixed (network 0, training batches 1, probes 7), so a run repeats.

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
    print("drag_aimer.py needs PyTorch: apt-get install python3-torch", file=sys.stderr)
    sys.exit(3)

GRAVITY = 9.81
MAX_SPEED = 15.0
MAX_ANGLE = math.pi / 2
BATCH = 256
PROBES = 512
LEARNING_RATE = 0.005
SPEED_PENALTY = 1e-4
MISS_WEIGHT = 10.0
APEX_CLEARANCE = 0.2  # metres above the target height a miss is lifted towards


def draw_conditions(count, generator):
    """Uniform conditions from the field box, as 1-D tensors: (distance, wind, drag, height)."""
    def uniform(low, high):
        return torch.rand(count, generator=generator) * (high - low) + low
    distance = uniform(1.0, 8.0)
    wind = uniform(-5.0, 5.0)
    drag = uniform(0.0, 0.05)
    height = uniform(-1.0, 1.0)
    return distance, wind, drag, height


class Aimer(torch.nn.Module):
    """Conditions -> (speed, angle)."""

    def __init__(self):
        super().__init__()
        self.layers = torch.nn.Sequential(
            torch.nn.Linear(4, 64), torch.nn.Tanh(),
            torch.nn.Linear(64, 64), torch.nn.Tanh(),
            torch.nn.Linear(64, 2), torch.nn.Sigmoid(),
        )

    def forward(self, distance, wind, drag, height):
        features = torch.stack([distance / 8, wind / 5, drag / 0.05, height], dim=1)
        out = self.layers(features)
        return out[:, 0] * MAX_SPEED, out[:, 1] * MAX_ANGLE


def fly(speed, angle, wind, drag, height, rk4_steps):
    """Simulates a batch of shots (1-D tensors) and returns (landing x, landed mask, apex above height).

    The force depends on the velocity only, so the RK4 stages are evaluated on velocities, and the position
    advances by the weighted mean of the stage velocities. Where a shot never comes down through the
    target height, its landing x is meaningless and landed is False.
    """
    vx = speed * torch.cos(angle)
    vy = speed * torch.sin(angle)
    # Vacuum time to come down through the height (the time to the apex when it is out of reach).
    root = torch.sqrt(torch.clamp(vy * vy - 2 * GRAVITY * height, min=1e-6))
    duration = (vy + root) / GRAVITY * 1.05 + 1e-3
    h = duration / rk4_steps
    half, sixth = h / 2, h / 6

    def acceleration(ux, uy):
        rx = ux - wind
        airspeed = torch.sqrt(rx * rx + uy * uy + 1e-12)
        return -drag * rx * airspeed, -GRAVITY - drag * uy * airspeed

    x = torch.zeros_like(speed)
    y = -height  # height above the target's
    xs, ys = [x], [y]
    for _ in range(rk4_steps):
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
        xs.append(x)
        ys.append(y)
    path_x = torch.stack(xs, dim=1)
    path_y = torch.stack(ys, dim=1)

    with torch.no_grad():
        # First RK4 interval over which the shot comes down through the target height.
        descends = (path_y[:, :-1] > 0) & (path_y[:, 1:] <= 0)
        index = torch.arange(rk4_steps).expand_as(descends)
        first = torch.where(descends, index, rk4_steps).amin(dim=1)
        landed = first < rk4_steps
        before = first.clamp(max=rk4_steps - 1).unsqueeze(1)
    after = before + 1
    y0, y1 = path_y.gather(1, before).squeeze(1), path_y.gather(1, after).squeeze(1)
    x0, x1 = path_x.gather(1, before).squeeze(1), path_x.gather(1, after).squeeze(1)
    landing = x0 + y0 / (y0 - y1 + 1e-12) * (x1 - x0)
    return landing, landed, path_y.amax(dim=1)


def training_loss(aimer, conditions, rk4_steps):
    distance, wind, drag, height = conditions
    speed, angle = aimer(*conditions)
    landing, landed, apex = fly(speed, angle, wind, drag, height, rk4_steps)
    hit = ((landing - distance) ** 2 * landed).mean()
    lift = (torch.relu(APEX_CLEARANCE - apex) ** 2 * ~landed).mean()
    return hit + MISS_WEIGHT * lift + SPEED_PENALTY * (speed * speed).mean()


@torch.no_grad()
def probe_report(aimer, probes, rk4_steps):
    """Landing errors of the aimer on the probes (misses are infinite), summarised."""
    distance, wind, drag, height = probes
    speed, angle = aimer(*probes)
    landing, landed, _ = fly(speed, angle, wind, drag, height, rk4_steps)
    errors = torch.where(landed, (landing - distance).abs(), math.inf).sort().values
    count = errors.numel()
    return {
        "noLanding": int((~landed).sum()),
        "errP50": float(errors[int(0.5 * count)]),
        "errP95": float(errors[int(0.95 * count)]),
        "hitRate5cm": float((errors <= 0.05).float().mean()),
    }


def positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer; received {text}")
    return value


def main():
    parser = argparse.ArgumentParser(description="PyTorch peer: the field aimer, trained through an RK4 simulation.")
    parser.add_argument("threads", nargs="?", type=positive_int, default=1)
    parser.add_argument("steps", nargs="?", type=positive_int, default=3000)
    parser.add_argument("rk4_steps", nargs="?", type=positive_int, default=40)
    parser.add_argument("report_every", nargs="?", type=positive_int, default=250)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    aimer = Aimer()
    optimizer = torch.optim.Adam(aimer.parameters(), lr=LEARNING_RATE)
    batches = torch.Generator().manual_seed(1)
    probes = draw_conditions(PROBES, torch.Generator().manual_seed(7))

    training_seconds = 0.0
    for step in range(1, args.steps + 1):
        started = time.perf_counter()
        loss = training_loss(aimer, draw_conditions(BATCH, batches), args.rk4_steps)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        training_seconds += time.perf_counter() - started
        if step % args.report_every == 0 or step == args.steps:
            line = {"peer": "pytorch", "threads": args.threads, "step": step, "wallS": round(training_seconds, 2),
                    "msPerStep": round(training_seconds * 1000 / step, 3), "rk4Steps": args.rk4_steps}
            line.update(probe_report(aimer, probes, 4 * args.rk4_steps))
            print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
