// Prints how long the `cannon` command takes to start and answer, against bare Node in the same run, one JSON
// line per figure: the median wall time of 21 runs each of `node -e 0`, `cannon --help` and
// `cannon aim 5 --json`, and their ratios to bare Node. Aiming and help load no TensorFlow.js.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printFigure, quantile } from '@cannon/stats';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const RUNS = 21;
const commands = { node: ['-e', '0'], help: [cli, '--help'], aim: [cli, 'aim', '5', '--json'] };
const times = { node: [], help: [], aim: [] };
// Interleaved, so that a busy moment of the machine falls on all three alike; the first two rounds warm the file cache.
for (let round = 0; round < RUNS + 2; round++) {
  for (const [name, args] of Object.entries(commands)) {
    const started = performance.now();
    const { status } = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (status !== 0) throw new Error(`node ${args.join(' ')} exited with ${status}`);
    if (round >= 2) times[name].push(performance.now() - started);
  }
}
const [node, help, aimed] = ['node', 'help', 'aim'].map((name) => quantile(times[name], 0.5));
const context = { runs: RUNS };
printFigure('cli.node.ms', node, 'ms', context);
printFigure('cli.help.ms', help, 'ms', context);
printFigure('cli.aim.ms', aimed, 'ms', context);
printFigure('cli.help.vsNode', help / node, 'x', context);
printFigure('cli.aim.vsNode', aimed / node, 'x', context);
