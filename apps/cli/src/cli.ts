import { createRequire } from 'node:module';
import { report, UsageError } from './errors.js';
import { printHelp, printJson } from './output.js';

const help = `Usage: cannon <command> [options]

Aiming a cannon three ways, with differentiable programming (TensorFlow.js on WebAssembly).

Commands:
  aim <distance>   aim at a target: predict, verify with the physics, refine
  simulate         fire one shot through the physics
  calibrate        fit the physics to a cannon's own shots: drag, wind, speed scale, elevation bias
  compare          the article in one table: surrogate, physics and hybrid side by side
  train            train a surrogate or an aimer and write it to a directory
  bench            print benchmark figures of the libraries

Options:
  --version        print the version
  -h, --help       show this help (cannon <command> --help for a command's)

Exit codes: 0 success, 2 bad usage or input, 3 unreachable target or a shot that never lands.`;

// Each command is loaded only when it runs: aiming and simulating never load TensorFlow.js. Each prints its
// own help for --help.
const commands: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  aim: () => import('./commands/aim.js'),
  simulate: () => import('./commands/simulate.js'),
  calibrate: () => import('./commands/calibrate.js'),
  compare: () => import('./commands/compare.js'),
  train: () => import('./commands/train.js'),
  bench: () => import('./commands/bench.js'),
};

async function main(argv: string[]): Promise<number> {
  // --json holds wherever it stands, before the command as after it.
  const json = argv.includes('--json');
  const [name, ...rest] = argv.filter((arg) => arg !== '--json');
  const args = json ? ['--json', ...rest] : rest;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      printHelp(help, json);
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-v') {
      const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
      if (json) printJson({ version });
      else console.log(version);
      return 0;
    }
    const command = commands[name];
    if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)}; the commands are ${Object.keys(commands).join(', ')} (cannon --help)`);
    await (await command()).run(args);
    return 0;
  } catch (error) {
    return report(error, json);
  }
}

// A reader that closes early (| head, | true) ends the command quietly, as it ends any Unix tool.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await main(process.argv.slice(2));
