import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aim, fieldDomain, sampleConditions } from '@cannon/inverse';
import { createRandom, defaultWorld, simulateLandings } from '@cannon/physics';
import { quantile } from '@cannon/stats';
import { parse, UsageError } from '../args.js';
import { printJson, table } from '../output.js';

export const benchHelp = `Usage: cannon bench [--package NAME] [--json]

Prints benchmark figures, one per line of a table (or a JSON array of { bench, value, unit }).

In a checkout of the repository (after a build), it runs the libraries' own benchmarks (packages/*/bench),
one at a time. Installed from the registry, where there are none, it measures the installed libraries for a
few seconds: one verified aim (its latency, at 5 cm and at 1 mm), and the physics' landings with and
without their derivatives, per shot in a batch.

Options:
  --package NAME   in a checkout, only this package's benchmarks (physics, surrogate, optimize, inverse)
  --json           print the figures as a JSON array
  -h, --help       show this help`;

interface Figure {
  bench: string;
  value: number;
  unit: string;
}

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { package: { type: 'string' } }, 'cannon bench');
  if (values.help) return void console.log(benchHelp);
  if (positionals.length > 0) throw new UsageError(`cannon bench takes no arguments besides its options; received ${positionals.join(' ')}`);
  // apps/cli/dist/cli.js → the repository's packages/, in a checkout.
  const packages = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'packages');
  const checkout = existsSync(join(packages, 'physics', 'bench'));
  if (!checkout && values.package !== undefined) throw new UsageError('--package picks the benchmarks of a checkout of the repository; an installed cannon has none (run cannon bench alone)');
  const figures = checkout ? packageBenchmarks(packages, values.package as string | undefined) : installedBenchmarks();
  if (values.json) return printJson(figures);
  console.log(table(['benchmark', 'value', 'unit'], figures.map((f) => [f.bench, String(f.value), f.unit])));
}

/** The packages' benchmark scripts, one at a time, each printing one JSON line per figure. */
function packageBenchmarks(packages: string, only: string | undefined): Figure[] {
  const names = readdirSync(packages).filter((name) => existsSync(join(packages, name, 'bench')));
  const chosen = only === undefined ? ['physics', 'surrogate', 'optimize', 'inverse'].filter((name) => names.includes(name)) : [only];
  for (const name of chosen) if (!names.includes(name)) throw new UsageError(`--package must be one of ${names.join(', ')}; received ${JSON.stringify(name)}`);
  const figures: Figure[] = [];
  for (const name of chosen) {
    const bench = join(packages, name, 'bench');
    for (const script of readdirSync(bench).filter((file) => file.endsWith('.mjs')).sort()) {
      if (process.stderr.isTTY) process.stderr.write(`running ${name}/bench/${script}…\n`);
      const run = spawnSync(process.execPath, [join(bench, script)], { cwd: join(packages, name), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      if (run.status !== 0) throw new Error(`${name}/bench/${script} failed with exit code ${run.status} (is the package built? pnpm build)`);
      for (const line of run.stdout.split('\n')) {
        if (line.trim().startsWith('{')) figures.push(JSON.parse(line) as Figure);
      }
    }
  }
  return figures;
}

/** A few seconds of the installed libraries at work: aim latency, and the physics per shot. */
function installedBenchmarks(): Figure[] {
  const round = (value: number) => Number(value.toPrecision(4));
  const figures: Figure[] = [];
  const random = createRandom(7);
  const conditions = sampleConditions(fieldDomain, 4000, random);
  const aimAt = (i: number, tolerance: number) =>
    aim(conditions.target[i], { wind: conditions.wind[i], drag: conditions.drag[i], heightDifference: conditions.heightDifference[i] }, { tolerance });
  for (const [name, tolerance] of [['aim', 0.05], ['aim.precise', 0.001]] as const) {
    for (let i = 0; i < 1000; i++) aimAt(i, tolerance); // warm-up: the JIT compiles the path
    const latencies: number[] = [];
    for (let i = 1000; i < 4000; i++) {
      const started = performance.now();
      aimAt(i, tolerance);
      latencies.push((performance.now() - started) * 1000);
    }
    figures.push({ bench: `installed.${name}.p50us`, value: round(quantile(latencies, 0.5)), unit: 'us' });
    figures.push({ bench: `installed.${name}.p99us`, value: round(quantile(latencies, 0.99)), unit: 'us' });
  }
  const count = 4096;
  const columns = {
    speed: Float64Array.from({ length: count }, () => random.between(4, 15)),
    angle: Float64Array.from({ length: count }, () => random.between(0.2, 1.3)),
    gravity: [defaultWorld.gravity],
    drag: Float64Array.from({ length: count }, () => random.between(0, 0.05)),
    wind: Float64Array.from({ length: count }, () => random.between(-5, 5)),
    launchHeight: [0],
    targetHeight: Float64Array.from({ length: count }, () => random.between(-1, 1)),
  };
  for (const [name, partials] of [['physics.value', []], ['physics.valueGrad', ['speed', 'angle']]] as const) {
    const times: number[] = [];
    for (let repeat = 0; repeat < 12; repeat++) {
      const started = performance.now();
      simulateLandings(columns, count, partials);
      times.push(performance.now() - started);
    }
    figures.push({ bench: `installed.${name}.usPerShot`, value: round((quantile(times.slice(2), 0.5) * 1000) / count), unit: 'us' });
  }
  return figures;
}
