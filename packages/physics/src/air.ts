import { checkNumber, InvalidInputError } from '@cannon/errors';

/**
 * The air a ball flies through: the ICAO standard atmosphere's lapse rate, anchored at the muzzle. The temperature
 * falls by 6.5 K per kilometre of height, the pressure with it as the hydrostatic balance of a dry ideal gas
 * requires, p ∝ T^(g₀/(R·L)); the density is p/(R·T) and the speed of sound √(γ·R·T). At the muzzle they are what
 * was measured there (a temperature, a station pressure), or the standard atmosphere's at its altitude.
 */

/** The temperature's fall with height, K/m. */
export const LAPSE_RATE = 0.0065;
/** The specific gas constant of dry air, J/(kg·K). */
export const GAS_CONSTANT = 287.05287;
/** Air's ratio of specific heats. */
export const HEAT_CAPACITY_RATIO = 1.4;
/** Standard gravity, m/s², as the atmosphere's pressure law takes it. */
export const STANDARD_GRAVITY = 9.80665;
/** The standard atmosphere at sea level: 15 °C, 1013.25 hPa. */
export const SEA_LEVEL = Object.freeze({ temperature: 15, pressure: 1013.25 });

const KELVIN = 273.15;
/** g₀/(R·L): the pressure's power of the temperature ratio. */
const PRESSURE_EXPONENT = STANDARD_GRAVITY / (GAS_CONSTANT * LAPSE_RATE);

/** Where the air is anchored: the muzzle's altitude, and what was measured there (each optional). */
export interface AirConditions {
  /** Metres above sea level at the muzzle (default 0). */
  altitude?: number;
  /** °C at the muzzle (default: the standard atmosphere's at the altitude). */
  temperature?: number;
  /** Station pressure at the muzzle, hPa (default: the standard atmosphere's at the altitude). */
  pressure?: number;
}

/** The air at one height, and how it changes with height. */
export interface Air {
  /** kg/m³ */
  density: number;
  /** m/s */
  speedOfSound: number;
  /** K */
  temperature: number;
  /** Pa */
  pressure: number;
  /** d(density)/d(height), kg/m⁴ */
  densityPerHeight: number;
  /** d(speedOfSound)/d(height), 1/s */
  speedOfSoundPerHeight: number;
}

/** The ranges `air` accepts: the troposphere, where the lapse rate holds, and the air people shoot in. */
export const airRanges = Object.freeze({
  altitude: Object.freeze([-500, 11000] as const),
  temperature: Object.freeze([-80, 60] as const),
  pressure: Object.freeze([100, 1200] as const),
  height: Object.freeze([-5000, 20000] as const),
});

/** The standard atmosphere at `altitude` metres above sea level: °C and hPa. */
export function standardAtmosphere(altitude: number): { temperature: number; pressure: number } {
  checkNumber('altitude', altitude, { min: airRanges.altitude[0], max: airRanges.altitude[1] });
  const t0 = SEA_LEVEL.temperature + KELVIN;
  const t = t0 - LAPSE_RATE * altitude;
  return { temperature: t - KELVIN, pressure: SEA_LEVEL.pressure * (t / t0) ** PRESSURE_EXPONENT };
}

/**
 * The air `height` metres above the muzzle (negative: below it), under `conditions` at the muzzle. Throws an
 * InvalidInputError naming a condition outside `airRanges`, or a height at which the lapse rate would take the
 * air below 1 K.
 */
export function air(height: number, conditions: AirConditions = {}): Air {
  const muzzle = muzzleAir(conditions);
  checkNumber('height', height, { min: airRanges.height[0], max: airRanges.height[1] });
  const temperature = muzzle.temperature - LAPSE_RATE * height;
  if (!(temperature >= 1)) throw new InvalidInputError('height', `a height at which the air stays above 1 K (below ${(muzzle.temperature - 1) / LAPSE_RATE} m)`, height);
  const ratio = temperature / muzzle.temperature;
  const pressure = muzzle.pressure * ratio ** PRESSURE_EXPONENT;
  const density = pressure / (GAS_CONSTANT * temperature);
  const speedOfSound = Math.sqrt(HEAT_CAPACITY_RATIO * GAS_CONSTANT * temperature);
  return {
    density,
    speedOfSound,
    temperature,
    pressure,
    densityPerHeight: (-density * (PRESSURE_EXPONENT - 1) * LAPSE_RATE) / temperature,
    speedOfSoundPerHeight: (-speedOfSound * LAPSE_RATE) / (2 * temperature),
  };
}

/** The muzzle's temperature (K) and pressure (Pa), checked. */
function muzzleAir(conditions: AirConditions): { temperature: number; pressure: number } {
  if (conditions === null || typeof conditions !== 'object') throw new InvalidInputError('conditions', 'an object { altitude?, temperature?, pressure? }', conditions);
  const { altitude = 0, temperature, pressure } = conditions;
  const standard = standardAtmosphere(altitude);
  const celsius = temperature ?? standard.temperature;
  const hectopascals = pressure ?? standard.pressure;
  checkNumber('temperature', celsius, { min: airRanges.temperature[0], max: airRanges.temperature[1] });
  checkNumber('pressure', hectopascals, { min: airRanges.pressure[0], max: airRanges.pressure[1] });
  return { temperature: celsius + KELVIN, pressure: 100 * hectopascals };
}
