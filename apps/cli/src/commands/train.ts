import { aimerError } from '@cannon/inverse';
import { defaultAimerTraining, saveAimer, trainAimer } from '@cannon/inverse/tensor';
import { initializeBackend } from '@cannon/physics/tensor';
import { defaultSurrogateOptions, heldOutError, saveSurrogate, trainSurrogate } from '@cannon/surrogate';
import { number, parse } from '../args.js';
import { forFlag, UsageError } from '../errors.js';
import { printHelp, printJson, table } from '../output.js';
import { progressBar } from '../progress.js';

export const trainHelp = `Usage: cannon train surrogate|inverse --out DIR [options]

Trains a model, writes it to DIR (atomically: an interrupted run never leaves a half-written model that
loads), and prints where it went and how accurate it is against the physics.

  surrogate   the neural model of the cannon (speed, angle) → landing, from fired shots
  inverse     the aimer: target and conditions → speed and angle, trained through the physics

Options:
  --out DIR             where to write the model (required)
  --domain field|vacuum the aimer's box of targets and conditions (inverse; default field)
  --steps N             training steps (inverse; default ${defaultAimerTraining.steps}) or epochs (surrogate; default ${defaultSurrogateOptions.epochs})
  --batch N             batch size (default ${defaultAimerTraining.batchSize} for the aimer, ${defaultSurrogateOptions.batchSize} for the surrogate)
  --seed N              seed (default 0)
  --json                print JSON
  -h, --help            show this help`;

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { out: { type: 'string' }, domain: { type: 'string' }, steps: { type: 'string' }, batch: { type: 'string' }, seed: { type: 'string' } }, 'cannon train');
  if (values.help) return printHelp(trainHelp, Boolean(values.json));
  const [what, ...rest] = positionals;
  if (what !== 'surrogate' && what !== 'inverse') throw new UsageError(`cannon train needs surrogate or inverse; received ${what === undefined ? 'nothing' : JSON.stringify(what)}`);
  if (rest.length > 0) throw new UsageError(`cannon train takes one model kind; received also ${rest.join(' ')}`);
  if (typeof values.out !== 'string' || values.out === '') throw new UsageError('cannon train needs --out DIR');
  const steps = values.steps === undefined ? undefined : number('--steps', values.steps as string, { min: 1, integer: true });
  const batch = values.batch === undefined ? undefined : number('--batch', values.batch as string, { min: 1, integer: true });
  const seed = values.seed === undefined ? 0 : number('--seed', values.seed as string, { integer: true });
  const out = values.out;
  await checkOutputPlace(out);
  await initializeBackend();

  if (what === 'surrogate') {
    if (values.domain !== undefined) throw new UsageError('--domain is for cannon train inverse (the surrogate learns the article\'s world)');
    const epochs = steps ?? defaultSurrogateOptions.epochs;
    const bar = progressBar(epochs, 'epoch');
    const surrogate = await trainSurrogate({ epochs, seed, ...(batch ? { batchSize: batch } : {}), onProgress: ({ epoch, loss }) => bar.update(epoch, loss) });
    bar.done();
    try {
      await forFlag('--out', () => saveSurrogate(surrogate, out));
      const error = heldOutError(surrogate);
      const report = { model: 'surrogate', out, epochs: surrogate.metadata.training.epochsRun, heldOutError: error };
      if (values.json) return printJson(report);
      console.log(`surrogate written to ${out} (${report.epochs} epochs); its error against the physics on held-out shots:`);
      console.log(table(['p50 (m)', 'p95 (m)', 'max (m)'], [[error.p50.toFixed(4), error.p95.toFixed(4), error.max.toFixed(4)]]));
    } finally {
      surrogate.dispose();
    }
    return;
  }

  const domain = values.domain ?? 'field';
  if (domain !== 'field' && domain !== 'vacuum') throw new UsageError(`--domain must be field or vacuum; received ${JSON.stringify(domain)}`);
  const total = steps ?? defaultAimerTraining.steps;
  const bar = progressBar(total, 'step');
  const aimer = await trainAimer({ domain, steps: total, seed, progressEvery: 25, ...(batch ? { batchSize: batch } : {}), onProgress: ({ step, loss }) => bar.update(step, loss) });
  bar.done();
  await forFlag('--out', () => saveAimer(aimer, out));
  const error = aimerError(aimer);
  const report = { model: 'inverse', out, domain, steps: aimer.metadata.training.steps, seconds: aimer.metadata.training.seconds, unrefinedError: error };
  if (values.json) return printJson(report);
  console.log(`aimer (${domain}) written to ${out} after ${report.steps} steps in ${report.seconds.toFixed(1)} s; its unrefined miss, checked by the physics:`);
  console.log(table(['p50 (m)', 'p95 (m)', 'max (m)'], [[error.p50.toFixed(4), error.p95.toFixed(4), error.max.toFixed(4)]]));
}

/** Refuses, before any training, an --out the model cannot be written to: a file there, or a place not writable. */
async function checkOutputPlace(out: string): Promise<void> {
  const [{ access, stat }, { constants }, { dirname, resolve }] = await Promise.all([import('node:fs/promises'), import('node:fs'), import('node:path')]);
  const path = resolve(out);
  const existing = await stat(path).catch(() => null);
  if (existing && !existing.isDirectory()) throw new UsageError(`--out ${path} is a file: a model is saved as a directory`);
  // The nearest folder that exists must take new files: the save makes the rest.
  let folder = existing ? path : dirname(path);
  while (!(await stat(folder).catch(() => null))) folder = dirname(folder);
  if (!(await stat(folder)).isDirectory()) throw new UsageError(`--out ${path} cannot be made: ${folder} is a file`);
  await access(folder, constants.W_OK).catch(() => {
    throw new UsageError(`--out ${path} cannot be written: ${folder} does not allow it`);
  });
}
