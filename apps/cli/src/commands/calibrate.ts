import { readFileSync } from 'node:fs';
import { calibrate, correctionFactor, parseShots, type Fittable } from '@cannon/calibrate';
import { dragCoefficientAt, resolveWorld3d } from '@cannon/physics';
import { worldJson } from '../calibration.js';
import { number, pair, parse } from '../args.js';
import { world3dFrom, world3dOptions } from '../world3d.js';
import { UsageError } from '../errors.js';
import { degrees, fixed, printHelp, printJson, table } from '../output.js';

export const calibrateHelp = `Usage: cannon calibrate --shots FILE.csv [--fit LIST] [known conditions] [options]

Fits the physics to a cannon's own shots: the drag, the wind, the muzzle-speed scale (the true speed is
it times the speed set) and the elevation bias, by Levenberg–Marquardt through the physics' exact
derivatives, and prints each with its standard error, their covariance, the residual RMS and the shots
that look like outliers.

Options:
  --shots FILE         the shots, a CSV file whose header names speed,angle,azimuth,x,y (m/s, degrees,
                       where the ball came down in m), and may name target_height (m), time (the flight
                       time measured, s: fitted too) and others
  --fit LIST           what to fit, comma-separated among drag, wind, speed-scale, elevation-bias
                       (default these four) and drag-correction: a small network's correction to the
                       drag table's Cd(M), learnt through the flights (needs --drag-table)
  --drag K             the known constant drag, 1/m, when it is not fitted (default 0)
  --drag-table T       a ball on a drag table, g1, g7, gs or a CSV file of mach,cd rows (its form factor
                       is the drag fitted), with --mass M (kg), --diameter D (m) and, if known, the air
                       at the muzzle: --altitude H, --temperature C, --pressure HPA (as cannon simulate)
  --wind W | WX,WY     the known wind, m/s, when it is not fitted (default 0)
  --launch-height H    the muzzle's height, m (default 0)
  --robust             a Huber loss: a shot far off counts less (default: least squares)
  --json               print JSON
  -h, --help           show this help`;

// The known conditions are flags of a world, as cannon simulate takes them (but the ball's form factor, which may be
// fitted, and what no calibration models: the Earth, a moving launcher, the target's height).
const { drag, 'drag-table': dragTableFlag, mass, diameter, altitude, temperature, pressure, wind, 'launch-height': launchHeight } = world3dOptions;
const options = {
  shots: { type: 'string' },
  fit: { type: 'string' },
  ...{ drag, 'drag-table': dragTableFlag, mass, diameter, altitude, temperature, pressure, wind, 'launch-height': launchHeight },
  robust: { type: 'boolean' },
} as const;

/** The flag's names of what may be fitted, and the library's. */
const fitNames: Record<string, Fittable> = { drag: 'drag', wind: 'wind', 'speed-scale': 'speedScale', 'elevation-bias': 'elevationBias', 'drag-correction': 'dragCorrection' };

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, options, 'cannon calibrate');
  if (values.help) return printHelp(calibrateHelp, Boolean(values.json));
  if (positionals.length > 0) throw new UsageError(`cannon calibrate takes no arguments besides its options; received ${positionals.join(' ')}`);
  if (values.shots === undefined) throw new UsageError('cannon calibrate needs --shots FILE.csv');
  const file = values.shots as string;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--shots ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const fit = values.fit === undefined ? undefined : (values.fit as string).split(',').map((name) => {
    const fitted = fitNames[name.trim()];
    if (!fitted) throw new UsageError(`--fit must name some of ${Object.keys(fitNames).join(', ')}; received ${JSON.stringify(name)}`);
    return fitted;
  });
  if (fit?.includes('dragCorrection') && values['drag-table'] === undefined) {
    throw new UsageError('--fit drag-correction needs --drag-table: the correction is a function of the Mach number (for the quadratic drag, a CSV table of one Cd, mach,cd rows 0,0.47 and 3,0.47)');
  }
  const windText = values.wind as string | undefined;
  const wind: [number, number] = windText === undefined ? [0, 0] : windText.includes(',') ? pair('--wind', windText, [-100, 100]) : [number('--wind', windText, { min: -100, max: 100 }), 0];
  // The drag model as cannon simulate reads it: k, or a ball on a table in the air given.
  const { drag, air } = world3dFrom({ drag: values.drag, 'drag-table': values['drag-table'], mass: values.mass, diameter: values.diameter, altitude: values.altitude, temperature: values.temperature, pressure: values.pressure });
  const conditions = {
    drag,
    air,
    wind,
    launchHeight: values['launch-height'] === undefined ? 0 : number('--launch-height', values['launch-height'] as string, { min: -1e4, max: 1e4 }),
  };
  const shots = parseShots(text);
  const result = calibrate(shots, { fit, conditions, robust: values.robust ? 'huber' : 'none' });
  if (values.json) {
    return printJson({
      fit: { ...result.fit, elevationBiasDeg: degrees(result.fit.elevationBias) },
      standardError: { ...result.standardError, elevationBiasDeg: degrees(result.standardError.elevationBias) },
      parameters: result.parameters,
      covariance: result.covariance,
      residualRms: result.residualRms,
      ...(result.flightTimeRms === undefined ? {} : { flightTimeRms: result.flightTimeRms }),
      shots: result.shots,
      outliers: result.outliers,
      iterations: result.iterations,
      world: worldJson(result.world),
      ...(result.dragCorrection ? { dragCorrection: result.dragCorrection } : {}),
    });
  }
  const fitted = new Set<string>(result.parameters.map((name) => (name === 'windX' || name === 'windY' ? 'wind' : name)));
  const rows: [string, string, number, number, number][] = [
    [values['drag-table'] === undefined ? 'drag (1/m)' : 'form factor', 'drag', result.fit.drag, result.standardError.drag, 5],
    ['wind x (m/s)', 'wind', result.fit.windX, result.standardError.windX, 3],
    ['wind y (m/s)', 'wind', result.fit.windY, result.standardError.windY, 3],
    ['speed scale', 'speedScale', result.fit.speedScale, result.standardError.speedScale, 4],
    ['elevation bias (°)', 'elevationBias', degrees(result.fit.elevationBias), degrees(result.standardError.elevationBias), 3],
  ];
  console.log(table(['parameter', 'value', 'standard error'], rows.map(([label, name, value, error, digits]) => [label, fixed(value, digits), fitted.has(name) ? fixed(error, digits) : name === 'drag' && result.dragCorrection ? 'see below' : 'known'])));
  if (result.dragCorrection) {
    // The learned Cd against the table's, at Mach numbers across the range the correction spans.
    const family = resolveWorld3d({ drag: conditions.drag, ...(air ? { air } : {}) }).tableDrag!.table;
    const top = result.dragCorrection.top / 1.25;
    const machs = Array.from({ length: 6 }, (_, i) => (top * (i + 1)) / 6);
    console.log(`\nthe drag learnt: the table's Cd(M)·(1 + network(M)), times the form factor`);
    console.log(table(['Mach', `${family.name} Cd`, 'learnt Cd'], machs.map((mach) => [fixed(mach, 2), fixed(dragCoefficientAt(family, mach).cd, 3), fixed(dragCoefficientAt(family, mach).cd * result.fit.drag * correctionFactor(result.dragCorrection!, mach), 3)])));
  }
  const times = result.flightTimeRms === undefined ? '' : `, ${fixed(result.flightTimeRms, 4)} s in the flight times`;
  console.log(`\n${result.shots} shots; residual RMS ${fixed(result.residualRms, 3)} m${times}; ${result.outliers.length === 0 ? 'no outliers' : `outliers on lines ${result.outliers.join(', ')}`}`);
}
