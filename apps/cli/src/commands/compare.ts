import { compareApproaches, compareRealCannon, realCannon, textbookCannon } from '@cannon/compare';
import { initializeBackend } from '@cannon/physics/tensor';
import { number, parse } from '../args.js';
import { UsageError } from '../errors.js';
import { printHelp, printJson, table } from '../output.js';

export const compareHelp = `Usage: cannon compare [--targets N] [--seed N] [--json]
       cannon compare --real [--targets N] [--seed N] [--json]

The article in one table: for the same N targets in its world (flat ground, no air, up to 10 m/s), each
approach's true miss (checked by the physics), hit rate at 5 cm, iterations and time per target:
  surrogate + gradient descent   a network learns the cannon from 1000 shots; descend through it
  physics + gradient descent     descend through the true physics from a random start
  hybrid aimer                   a network trained through the physics guesses; the physics verifies,
                                 Gauss–Newton refines the misses

With --real, the race on a real cannon whose drag, wind and charge nobody told the approaches, from the
same 20, 100 and 1000 of its shots: the surrogate learnt from them, the textbook's physics (wrong), and
the physics calibrated on them with the hybrid aimer; each answer fired by the real cannon.

Options:
  --real        the real cannon's race
  --targets N   how many targets (default 200; 100 with --real)
  --seed N      seed of the targets, starts and surrogate (default 0)
  --json        print JSON
  -h, --help    show this help`;

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { targets: { type: 'string' }, seed: { type: 'string' }, real: { type: 'boolean' } }, 'cannon compare');
  if (values.help) return printHelp(compareHelp, Boolean(values.json));
  if (positionals.length > 0) throw new UsageError(`cannon compare takes no arguments besides its options; received ${positionals.join(' ')}`);
  const count = values.targets === undefined ? (values.real ? 100 : 200) : number('--targets', values.targets as string, { min: 1, integer: true });
  const seed = values.seed === undefined ? 0 : number('--seed', values.seed as string, { integer: true });
  const say = (text: string) => process.stderr.isTTY && process.stderr.write(`${text}\n`);
  if (values.real) return real(count, seed, Boolean(values.json), say);
  const stages = { training: 'training the surrogate on 1000 shots…', surrogate: 'surrogate + gradient descent…', physics: 'physics + gradient descent…', hybrid: 'hybrid aimer…' };
  await initializeBackend();
  const comparison = await compareApproaches({ targets: count, seed, onProgress: (stage) => say(stages[stage]) });
  if (values.json) return printJson(comparison);
  const [low, high] = comparison.targetRange;
  console.log(`${count} targets from ${low} to ${high} m, flat ground, no air, speeds up to 10 m/s; true miss checked by the physics.\n`);
  console.log(
    table(
      ['approach', 'miss p50 (cm)', 'p95 (cm)', 'max (cm)', `hits ≤ ${100 * comparison.tolerance} cm`, 'iterations p50', 'p95', 'ms/target'],
      comparison.approaches.map((r) => [
        r.label,
        (100 * r.trueError.p50).toFixed(2),
        (100 * r.trueError.p95).toFixed(2),
        (100 * r.trueError.max).toFixed(2),
        `${(100 * r.trueError.hitRate!).toFixed(1)}%`,
        r.iterations.p50.toFixed(0),
        r.iterations.p95.toFixed(0),
        r.msPerTarget.toFixed(3),
      ]),
    ),
  );
}

/** `cannon compare --real`: the real cannon's race. */
async function real(count: number, seed: number, json: boolean, say: (text: string) => unknown): Promise<void> {
  say('the real cannon: firing its shots, learning, calibrating, aiming…');
  await initializeBackend();
  const race = await compareRealCannon({ targets: count, seed });
  if (json) return printJson({ ...race, realCannon, textbookCannon });
  const [low, high] = race.targetRange;
  console.log(
    `A real cannon (drag ${realCannon.drag} 1/m, headwind ${-realCannon.wind} m/s, a charge ${Math.round(100 * (1 - realCannon.speedScale))}% short), nobody told; ` +
      `${count} targets from ${low} to ${high} m; each answer fired by the real cannon.\n`,
  );
  console.log(
    table(
      ['approach', 'shots', 'miss p50 (cm)', 'p95 (cm)', `hits ≤ ${100 * race.tolerance} cm`],
      race.rows.map((r) => [r.label, String(r.shots), (100 * r.trueError.p50).toFixed(2), (100 * r.trueError.p95).toFixed(2), `${(100 * r.trueError.hitRate!).toFixed(1)}%`]),
    ),
  );
}
