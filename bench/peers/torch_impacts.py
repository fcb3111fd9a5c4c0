#!/usr/bin/python3
"""PyTorch peer of the three-dimensional benchmark: the impacts of a batch of shots in three dimensions and their
derivatives with respect to every input, with the same discrete model as @cannon/physics's `simulateImpacts`, written
the plain PyTorch way (CPU, one thread, eager float64 tensors, an unrolled RK4 loop, autograd).

The model (the kernel's, rule for rule; bench/peers/jax_impacts.py states it in full)
  A shot leaves the muzzle at (0, 0, z0) with velocity speed (cos e cos a, cos e sin a, sin e) and stops where it
  descends through the target height h:  dv/dt = (0, 0, -g) - D s (v - w),  w = (wx, wy, 0),  s = |v - w|.
  D = k (constant drag), or K rho_m tau^n Cd(M) on a drag table (K = i pi d^2/(8 m), tau = 1 - L (z - z0)/T_m,
  n = g0/(R L) - 1, M = s/(c_m sqrt(tau)), Cd the table's PCHIP cubic with the slopes given, held beyond its ends).
  The step dt = T/(32 + 2 kappa S T) (T the vacuum flight time, S = sqrt(speed^2 + wx^2 + wy^2 + (g T)^2), kappa = k
  or K rho_m max Cd); classical RK4 on (x, y, z, vx, vy, vz), unrolled in Python until every shot has stopped (after
  the first step whose end is below h and whose start was at or above h, or whose end is falling); the impact is the
  root of the cubic Hermite of (z, vz) over that step (Newton without gradients, then one correction with the slope
  held: the implicit function's derivative), x, y on their cubics there, t = (steps - 1 + theta) dt.

What it times: one forward pass of the batch and three backward passes (torch.autograd.grad of the sums of x, of y
and of t over the shots, each shot's own derivatives since the shots are independent), giving (x, y, t) and their
derivatives with respect to all nine inputs (speed, elevation, azimuth, gravity, drag, windX, windY, launchHeight,
targetHeight); the median of --repeats runs after one warm-up, per shot, for each model.

Usage
  /usr/bin/python3 torch_impacts.py --shots FILE [--batch N] [--repeats R] [--threads T]
  --shots FILE  the shots as JSON {"models": {"constant": MODEL, "gs": MODEL}}, MODEL = {"columns": {field: [...]},
                "tableDrag": {"mass", "diameter", "table": {"mach", "cd", "slopes"}, "air": {"density",
                "speedOfSound", "temperature"}} (absent: constant drag), "ours": {"x", "y", "t", "partials": {field:
                {"x", "y", "t"}}} (optional; null for NaN)}; the first --batch shots of each are flown (default 256:
                eager PyTorch pays per tensor operation, and a larger batch only makes the run longer).

Output: JSON lines on stdout:
  {"peer": "pytorch", "kind": "check", "model", "shots", "impactDisagreements", "maxPositionDiff" (m),
   "maxTimeDiff" (s), "maxRelativePartialDiff"} when "ours" is given
  {"peer": "pytorch", "kind": "time", "model", "usPerShot", "batch", "steps", "threads", "dtype": "float64",
   "what": "value and all 27 derivatives: 1 forward + 3 backward passes"}

Needs PyTorch (Debian: apt-get install python3-torch); without it, exits with status 3 and says so.
"""
import argparse
import json
import math
import statistics
import sys
import time

try:
    import torch
except ImportError:
    print("torch_impacts.py needs PyTorch: apt-get install python3-torch", file=sys.stderr)
    sys.exit(3)

FIELDS = ("speed", "elevation", "azimuth", "gravity", "drag", "windX", "windY", "launchHeight", "targetHeight")
STEPS_PER_FLIGHT = 32
STEPS_PER_DRAG_TIME = 2
MAX_STEPS = 1 << 16
LAPSE_RATE = 0.0065
GAS_CONSTANT = 287.05287
HEAT_CAPACITY_RATIO = 1.4
DENSITY_EXPONENT = 9.80665 / (GAS_CONSTANT * LAPSE_RATE) - 1
DTYPE = torch.float64


class Ball:
    """A ball on a drag table: K per unit form factor, its muzzle's air, and the table's cubic pieces."""

    def __init__(self, spec):
        table = spec["table"]
        mach = torch.tensor(table["mach"], dtype=DTYPE)
        cd = torch.tensor(table["cd"], dtype=DTYPE)
        slopes = torch.tensor(table["slopes"], dtype=DTYPE)
        h = mach[1:] - mach[:-1]
        y0, y1, m0, m1 = cd[:-1], cd[1:], h * slopes[:-1], h * slopes[1:]
        self.start, self.inv_h = mach[:-1], 1 / h
        self.c = (y0, m0, 3 * (y1 - y0) - 2 * m0 - m1, 2 * (y0 - y1) + m0 + m1)
        self.inner = mach[1:-1].contiguous()  # the pieces' starts after the first: searched for each Mach number
        self.first, self.last = float(mach[0]), float(mach[-1])
        self.cd_first, self.cd_last = float(cd[0]), float(cd[-1])
        self.largest = float(cd.max())
        air = spec.get("air") or {"density": 101325 / (GAS_CONSTANT * 288.15), "speedOfSound": math.sqrt(HEAT_CAPACITY_RATIO * GAS_CONSTANT * 288.15),
                                  "temperature": 288.15}
        self.per_form_factor = math.pi * spec["diameter"] ** 2 / (8 * spec["mass"])
        self.density, self.sound = air["density"], air["speedOfSound"]
        self.u_per_height = LAPSE_RATE / air["temperature"]

    def cd(self, mach):
        piece = torch.searchsorted(self.inner, mach.detach(), right=True)
        t = (mach - self.start[piece]) * self.inv_h[piece]
        c0, c1, c2, c3 = (c[piece] for c in self.c)
        cd = c0 + t * (c1 + t * (c2 + t * c3))
        return torch.where(mach > self.first, torch.where(mach < self.last, cd, torch.full_like(cd, self.cd_last)), torch.full_like(cd, self.cd_first))


def hermite(p0, v0, p1, v1, dt, t):
    t2 = t * t
    t3 = t2 * t
    return (2 * t3 - 3 * t2 + 1) * p0 + (t3 - 2 * t2 + t) * dt * v0 + (3 * t2 - 2 * t3) * p1 + (t3 - t2) * dt * v1


def hermite_slope(p0, v0, p1, v1, dt, t):
    t2 = t * t
    return (6 * t2 - 6 * t) * (p0 - p1) + (3 * t2 - 4 * t + 1) * dt * v0 + (3 * t2 - 2 * t) * dt * v1


@torch.no_grad()
def descent(h, z0, vz0, z1, vz1, dt):
    """The step fraction of the descent through h (kernel/stop.ts, descentThrough), or -1 where there is none."""
    below = z0 < h
    lo = torch.zeros_like(z0)
    # Both ends below h: from the apex (bisection on the slope, 60 halvings, as the kernel).
    a, b = torch.zeros_like(z0), torch.ones_like(z0)
    for _ in range(60):
        mid = 0.5 * (a + b)
        rising = hermite_slope(z0, vz0, z1, vz1, dt, mid) > 0
        a, b = torch.where(rising, mid, a), torch.where(rising, b, mid)
    lo = torch.where(below, a, lo)
    f_lo = hermite(z0, vz0, z1, vz1, dt, lo) - h
    valid = (z1 < h) & (~below | ((vz0 > 0) & (vz1 <= 0) & (f_lo >= 0)))
    hi = torch.ones_like(lo)
    f_hi = hermite(z0, vz0, z1, vz1, dt, hi) - h
    denominator = torch.where(f_lo == f_hi, torch.ones_like(f_lo), f_lo - f_hi)
    theta = lo + (hi - lo) * (f_lo / denominator)
    rounding = 4 * 2.220446049250313e-16 * (z0.abs() + (dt * vz0).abs() + z1.abs() + (dt * vz1).abs() + h.abs())
    active = valid & (f_lo != 0)
    for _ in range(100):
        if not bool(active.any()):
            break
        f = hermite(z0, vz0, z1, vz1, dt, theta) - h
        moving = active & (f.abs() > rounding)
        lo = torch.where(moving & (f > 0), theta, lo)
        hi = torch.where(moving & (f < 0), theta, hi)
        slope = hermite_slope(z0, vz0, z1, vz1, dt, theta)
        step = theta - f / torch.where(slope == 0, torch.ones_like(slope), slope)
        step = torch.where((step > lo) & (step < hi), step, 0.5 * (lo + hi))
        done = ((step - theta).abs() <= 1e-15) | (hi - lo <= 1e-15)
        theta = torch.where(moving, step, theta)
        active = moving & ~done
    theta = torch.where(f_lo == 0, lo, theta)
    return torch.where(valid, theta, torch.full_like(theta, -1.0))


def impacts(inputs, ball):
    """(x, y, t) of every shot (NaN where there is no impact) and the steps the batch took; differentiable."""
    speed, elevation, azimuth, gravity, drag, wind_x, wind_y, launch, target = inputs
    horizontal = speed * torch.cos(elevation)
    vx, vy, vz = horizontal * torch.cos(azimuth), horizontal * torch.sin(azimuth), speed * torch.sin(elevation)
    disc = vz * vz + 2 * gravity * (launch - target)
    flown = disc >= 0
    vacuum_time = (vz + torch.sqrt(torch.where(flown, disc, torch.ones_like(disc)))) / gravity
    flown = flown & (vacuum_time > 1e-100)
    vacuum_time = torch.where(flown, vacuum_time, torch.ones_like(vacuum_time))
    scale = drag * ball.per_form_factor if ball else drag
    bound = scale * (ball.density * ball.largest) if ball else scale
    gt = gravity * vacuum_time
    dt = vacuum_time / (STEPS_PER_FLIGHT + STEPS_PER_DRAG_TIME * bound * torch.sqrt(speed * speed + (wind_x * wind_x + wind_y * wind_y) + gt * gt) * vacuum_time)

    def acceleration(ux, uy, uz, z):
        rx, ry = ux - wind_x, uy - wind_y
        s = torch.sqrt(rx * rx + ry * ry + uz * uz)
        if ball:
            tau = 1 - ball.u_per_height * (z - launch)
            d = scale * (ball.density * tau ** DENSITY_EXPONENT * ball.cd(s / (ball.sound * torch.sqrt(tau))))
        else:
            d = scale
        q = d * s
        return -q * rx, -q * ry, -gravity - q * uz

    half, h2, h6 = dt * 0.5, dt * dt * (1.0 / 6.0), dt * (1.0 / 6.0)
    zero = torch.zeros_like(vx)
    state = (zero, zero, launch, vx, vy, vz)
    bracket = (zero,) * 12
    done = ~flown
    count = torch.zeros_like(vx, dtype=torch.int64)
    steps = 0
    while not bool(done.all()) and steps < MAX_STEPS:
        x, y, z, ux, uy, uz = state
        k1 = acceleration(ux, uy, uz, z)
        u2 = (ux + half * k1[0], uy + half * k1[1], uz + half * k1[2])
        k2 = acceleration(*u2, z + half * uz)
        u3 = (ux + half * k2[0], uy + half * k2[1], uz + half * k2[2])
        k3 = acceleration(*u3, z + half * u2[2])
        u4 = (ux + dt * k3[0], uy + dt * k3[1], uz + dt * k3[2])
        k4 = acceleration(*u4, z + dt * u3[2])
        new = tuple(p + dt * u + h2 * (a + b + c) for p, u, a, b, c in zip((x, y, z), (ux, uy, uz), k1, k2, k3))
        new += tuple(u + h6 * (a + 2 * b + 2 * c + d) for u, a, b, c, d in zip((ux, uy, uz), k1, k2, k3, k4))
        stop = ~done & (new[2] < target) & ((z >= target) | (new[5] <= 0))
        bracket = tuple(torch.where(stop, value, old) for value, old in zip(state + new, bracket))
        count = count + (~done).long()
        done = done | stop
        state = new
        steps += 1
    x0, y0, z0, vx0, vy0, vz0, x1, y1, z1, vx1, vy1, vz1 = bracket
    theta = descent(*(v.detach() for v in (target, z0, vz0, z1, vz1, dt)))
    landed = flown & done & (theta >= 0)
    theta = torch.where(landed, theta, torch.full_like(theta, 0.5))
    with torch.no_grad():
        slope = hermite_slope(z0, vz0, z1, vz1, dt, theta)
        slope = torch.where(landed & (slope != 0), slope, torch.ones_like(slope))
    theta = theta - (hermite(z0, vz0, z1, vz1, dt, theta) - target) / slope
    x = hermite(x0, vx0, x1, vx1, dt, theta)
    y = hermite(y0, vy0, y1, vy1, dt, theta)
    t = ((count - 1).to(DTYPE) + theta) * dt
    return (x, y, t), landed, steps


def value_and_all_derivatives(columns, ball):
    inputs = [torch.tensor(columns[f], dtype=DTYPE, requires_grad=True) for f in FIELDS]
    (x, y, t), landed, steps = impacts(inputs, ball)
    grads = []
    for i, output in enumerate((x, y, t)):
        total = torch.where(landed, output, torch.zeros_like(output)).sum()
        grads.append(torch.autograd.grad(total, inputs, retain_graph=i < 2))
    nan = torch.full_like(x, math.nan)
    values = [torch.where(landed, v, nan).detach() for v in (x, y, t)]
    return values, grads, steps


def column(values):
    return [math.nan if v is None else v for v in values]


def check(name, values, grads, ours, batch):
    import numpy as np
    mine = [v.numpy() for v in values]
    theirs = [np.asarray(column(ours[k][:batch]), np.float64) for k in ("x", "y", "t")]
    both = ~np.isnan(theirs[0]) & ~np.isnan(mine[0])
    line = {"peer": "pytorch", "kind": "check", "model": name, "shots": int(both.sum()),
            "impactDisagreements": int((np.isnan(theirs[0]) != np.isnan(mine[0])).sum()),
            "maxPositionDiff": float(max(np.abs(mine[k][both] - theirs[k][both]).max() for k in (0, 1))),
            "maxTimeDiff": float(np.abs(mine[2][both] - theirs[2][both]).max())}
    if "partials" in ours:
        worst = 0.0
        for o, key in enumerate(("x", "y", "t")):
            for i, field in enumerate(FIELDS):
                theirs_ = np.asarray(column(ours["partials"][field][key][:batch]), np.float64)[both]
                mine_ = grads[o][i].numpy()[both]
                worst = max(worst, float(np.abs(mine_ - theirs_).max() / max(np.abs(theirs_).max(), 1e-300)))
        line["maxRelativePartialDiff"] = worst
    print(json.dumps(line), flush=True)


def main():
    parser = argparse.ArgumentParser(description="PyTorch peer: three-dimensional impacts and all their derivatives, eager autograd.")
    parser.add_argument("--shots", required=True)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    with open(args.shots) as file:
        models = json.load(file)["models"]
    for name, spec in models.items():
        columns = {f: column(spec["columns"][f][:args.batch]) for f in FIELDS}
        batch = len(columns["speed"])
        ball = Ball(spec["tableDrag"]) if spec.get("tableDrag") else None
        values, grads, steps = value_and_all_derivatives(columns, ball)  # the warm-up
        if "ours" in spec:
            check(name, values, grads, spec["ours"], batch)
        times = []
        for _ in range(args.repeats):
            started = time.perf_counter()
            value_and_all_derivatives(columns, ball)
            times.append(time.perf_counter() - started)
        print(json.dumps({"peer": "pytorch", "kind": "time", "model": name, "usPerShot": statistics.median(times) * 1e6 / batch, "batch": batch,
                          "steps": steps, "threads": args.threads, "dtype": "float64", "torch": torch.__version__,
                          "what": "value and all 27 derivatives: 1 forward + 3 backward passes"}), flush=True)


if __name__ == "__main__":
    main()
