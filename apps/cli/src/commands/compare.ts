import { aimBatch } from '@cannon/inverse';
import { physicsModel, solveBatch } from '@cannon/optimize';
import { createRandom } from '@cannon/physics';
import { trainSurrogate } from '@cannon/surrogate';
import { number, parse, UsageError } from '../args.js';
import { printJson, table } from '../output.js';

export const compareHelp = `Usage: cannon compare [--targets N] [--seed N] [--json]

The article in one table: for the same N targets in its world (flat ground, no air, up to 10 m/s), each
approach's true miss (checked by the physics), hit rate at 5 cm, iterations and time per target:
  surrogate + gradient descent   a network learns the cannon from 1000 shots; descend through it
  physics + gradient descent     descend through the true physics from a random start
  hybrid aimer                   a network trained through the physics guesses; the physics verifies,
                                 Gauss–Newton refines the misses

Options:
  --targets N   how many targets (default 200)
  --seed N      seed of the targets, starts and surrogate (default 0)
  --json        print JSON
  -h, --help    show this help`;

const TOLERANCE = 0.05;

interface Row {
  approach: string;
  trueError: { p50: number; p95: number; max: number };
  hitRate: number;
  iterations: { p50: number; p95: number };
  msPerTarget: number;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

function row(approach: string, errors: number[], iterations: number[], ms: number): Row {
  return {
    approach,
    trueError: { p50: quantile(errors, 0.5), p95: quantile(errors, 0.95), max: Math.max(...errors) },
    hitRate: errors.filter((e) => e <= TOLERANCE).length / errors.length,
    iterations: { p50: quantile(iterations, 0.5), p95: quantile(iterations, 0.95) },
    msPerTarget: ms / errors.length,
  };
}

export async function compareCommand(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { targets: { type: 'string' }, seed: { type: 'string' } }, 'cannon compare');
  if (values.help) return void console.log(compareHelp);
  if (positionals.length > 0) throw new UsageError(`cannon compare takes no arguments besides its options; received ${positionals.join(' ')}`);
  const count = values.targets === undefined ? 200 : number('--targets', values.targets as string, { min: 1, integer: true });
  const seed = values.seed === undefined ? 0 : number('--seed', values.seed as string, { integer: true });
  const random = createRandom(seed);
  const targets = Array.from({ length: count }, () => random.between(0.5, 10));
  const say = (text: string) => process.stderr.isTTY && process.stderr.write(`${text}\n`);

  say('training the surrogate on 1000 shots…');
  const surrogate = await trainSurrogate({ seed });
  const rows: Row[] = [];
  try {
    say('surrogate + gradient descent…');
    let started = performance.now();
    const throughSurrogate = solveBatch(surrogate.forward, targets, { method: 'gradient-descent', seed, tolerance: TOLERANCE });
    rows.push(row('surrogate + gradient descent', throughSurrogate.map((s) => s.trueError), throughSurrogate.map((s) => s.iterations), performance.now() - started));

    say('physics + gradient descent…');
    started = performance.now();
    const throughPhysics = solveBatch(physicsModel(), targets, { method: 'gradient-descent', seed, tolerance: TOLERANCE });
    rows.push(row('physics + gradient descent', throughPhysics.map((s) => s.trueError), throughPhysics.map((s) => s.iterations), performance.now() - started));

    say('hybrid aimer…');
    started = performance.now();
    const hybrid = aimBatch(targets, {}, { tolerance: TOLERANCE });
    rows.push(row('hybrid aimer (verified, refined)', hybrid.map((s) => s.error), hybrid.map((s) => s.iterations), performance.now() - started));
  } finally {
    surrogate.dispose();
  }

  if (values.json) return printJson({ targets: count, seed, tolerance: TOLERANCE, approaches: rows });
  console.log(`${count} targets from 0.5 to 10 m, flat ground, no air, speeds up to 10 m/s; true miss checked by the physics.\n`);
  console.log(
    table(
      ['approach', 'miss p50 (cm)', 'p95 (cm)', 'max (cm)', 'hits ≤ 5 cm', 'iterations p50', 'p95', 'ms/target'],
      rows.map((r) => [
        r.approach,
        (100 * r.trueError.p50).toFixed(2),
        (100 * r.trueError.p95).toFixed(2),
        (100 * r.trueError.max).toFixed(2),
        `${(100 * r.hitRate).toFixed(1)}%`,
        r.iterations.p50,
        r.iterations.p95,
        r.msPerTarget.toFixed(3),
      ]),
    ),
  );
}
