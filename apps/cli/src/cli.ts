import { createRequire } from 'node:module';
import { initializeBackend, InvalidInputError } from '@cannon/physics';
import { OutsideDomainError, UnreachableTargetError } from '@cannon/inverse';
import { ModelFileError } from '@cannon/model-files';
import { UsageError } from './args.js';
import { aimCommand } from './commands/aim.js';
import { compareCommand } from './commands/compare.js';
import { simulateCommand } from './commands/simulate.js';
import { trainCommand } from './commands/train.js';
import { benchCommand } from './commands/bench.js';
import { NoLandingError } from './errors.js';

const help = `Usage: cannon <command> [options]

Aiming a cannon three ways, with differentiable programming (TensorFlow.js on WebAssembly).

Commands:
  aim <distance>   aim at a target: predict, verify with the physics, refine
  simulate         fire one shot through the physics
  compare          the article in one table: surrogate, physics and hybrid side by side
  train            train a surrogate or an aimer and write it to a directory
  bench            run the libraries' benchmarks and print their figures

Options:
  --version        print the version
  -h, --help       show this help (cannon <command> --help for a command's)

Exit codes: 0 success, 2 bad usage or input, 3 unreachable target or a shot that never lands.`;

// Each command prints its own help for --help.
const commands: Record<string, (args: string[]) => Promise<void>> = {
  aim: aimCommand,
  simulate: simulateCommand,
  compare: compareCommand,
  train: trainCommand,
  bench: benchCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const json = args.includes('--json');
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      console.log(help);
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-v') {
      console.log((createRequire(import.meta.url)('../package.json') as { version: string }).version);
      return 0;
    }
    const command = commands[name];
    if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)}; the commands are ${Object.keys(commands).join(', ')} (cannon --help)`);
    if (!args.includes('--help') && !args.includes('-h')) await initializeBackend();
    await command(args);
    return 0;
  } catch (error) {
    return report(error, json);
  }
}

/** Prints an error the way the caller asked (JSON on stdout, or a line on stderr) and gives its exit code. */
function report(error: unknown, json: boolean): number {
  const unreachable = error instanceof UnreachableTargetError;
  const noLanding = error instanceof NoLandingError;
  const bad = error instanceof UsageError || error instanceof InvalidInputError || error instanceof OutsideDomainError || error instanceof ModelFileError;
  const code = unreachable ? 'UNREACHABLE' : noLanding ? 'NO_LANDING' : bad ? 'BAD_INPUT' : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  if (json) {
    console.log(JSON.stringify({ error: { code, message, ...(unreachable ? { maxDistance: error.maxDistance } : {}) } }, null, 2));
  } else {
    console.error(`cannon: ${message}`);
  }
  return unreachable || noLanding ? 3 : bad ? 2 : 1;
}

process.exitCode = await main(process.argv.slice(2));
