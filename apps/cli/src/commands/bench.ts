import { benchmarkAim } from '@cannon/inverse';
import { benchmarkLandings } from '@cannon/physics';
import type { Figure } from '@cannon/stats';
import { parse } from '../args.js';
import { UsageError } from '../errors.js';
import { printHelp, printJson, table } from '../output.js';

export const benchHelp = `Usage: cannon bench [--package NAME] [--json]

Measures the installed libraries for a few seconds and prints the figures, one per line of a table (or a JSON
array of { bench, value, unit, ... }): the physics' landings with and without their derivatives, per shot in a
batch (@cannon/physics' benchmarkLandings), and the latency of one verified aim, at 5 cm and at 1 mm
(@cannon/inverse's benchmarkAim). The repository's \`pnpm bench\` measures far more, against its peers.

Options:
  --package NAME   only this library's figures: physics or inverse
  --json           print the figures as a JSON array
  -h, --help       show this help`;

/** Each library's own benchmark. */
const benchmarks: Record<string, () => Figure[]> = { physics: () => benchmarkLandings(), inverse: () => benchmarkAim() };

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { package: { type: 'string' } }, 'cannon bench');
  if (values.help) return printHelp(benchHelp, Boolean(values.json));
  if (positionals.length > 0) throw new UsageError(`cannon bench takes no arguments besides its options; received ${positionals.join(' ')}`);
  const only = values.package as string | undefined;
  if (only !== undefined && !(only in benchmarks)) throw new UsageError(`--package must be one of ${Object.keys(benchmarks).join(', ')}; received ${JSON.stringify(only)}`);
  const figures = Object.entries(benchmarks).flatMap(([name, measure]) => (only === undefined || only === name ? measure() : []));
  if (values.json) return printJson(figures);
  console.log(table(['benchmark', 'value', 'unit'], figures.map((f) => [f.bench, String(f.value), f.unit])));
}
