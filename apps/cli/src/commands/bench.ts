import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, UsageError } from '../args.js';
import { printJson, table } from '../output.js';

export const benchHelp = `Usage: cannon bench [--package NAME] [--json]

Runs the libraries' benchmarks (packages/*/bench in a checkout of the repository, after a build), one at a
time, and prints their figures in one table: each benchmark prints one JSON line per figure.

Options:
  --package NAME   only this package's benchmarks (physics, surrogate, optimize, inverse)
  --json           print the figures as a JSON array
  -h, --help       show this help`;

interface Figure {
  bench: string;
  value: number;
  unit: string;
}

export async function benchCommand(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { package: { type: 'string' } }, 'cannon bench');
  if (values.help) return void console.log(benchHelp);
  if (positionals.length > 0) throw new UsageError(`cannon bench takes no arguments besides its options; received ${positionals.join(' ')}`);
  // apps/cli/dist/cli.js → the repository's packages/.
  const packages = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'packages');
  if (!existsSync(packages)) throw new UsageError('cannon bench runs the benchmarks of a checkout of the repository; there is none around this command');
  const names = readdirSync(packages).filter((name) => existsSync(join(packages, name, 'bench')));
  const chosen = values.package === undefined ? ['physics', 'surrogate', 'optimize', 'inverse'].filter((name) => names.includes(name)) : [values.package as string];
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
  if (values.json) return printJson(figures);
  console.log(table(['benchmark', 'value', 'unit'], figures.map((f) => [f.bench, String(f.value), f.unit])));
}
