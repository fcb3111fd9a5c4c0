import { CannonError, UnreachableTargetError } from '@cannon/errors';

/** Bad usage of the command (an unknown flag, a missing argument): exit code 2, with a message that names what is wrong. */
export class UsageError extends CannonError {
  readonly code = 'INVALID_INPUT';

  constructor(message: string) {
    super(message, 'UsageError');
  }
}

/**
 * Runs `act`, which reads or writes the model a flag names; a problem with its files comes back as a usage
 * error that names the flag first: `--out /models/a cannot be written: permission denied (EACCES)`.
 */
export async function forFlag<T>(flag: string, act: () => Promise<T>): Promise<T> {
  try {
    return await act();
  } catch (error) {
    if (error instanceof CannonError && error.code === 'MODEL_FILE') throw new UsageError(`${flag} ${error.message}`);
    throw error;
  }
}

/** The command's answer to each kind of error: the code printed with --json, and the exit code. */
const outcomes: Record<CannonError['code'], { code: string; exitCode: number }> = {
  INVALID_INPUT: { code: 'BAD_INPUT', exitCode: 2 },
  OUTSIDE_DOMAIN: { code: 'BAD_INPUT', exitCode: 2 },
  MODEL_FILE: { code: 'BAD_INPUT', exitCode: 2 },
  UNREACHABLE_TARGET: { code: 'UNREACHABLE', exitCode: 3 },
  NO_LANDING: { code: 'NO_LANDING', exitCode: 3 },
  BACKEND: { code: 'INTERNAL', exitCode: 1 },
};

/** Prints an error the way the caller asked (JSON on stdout, or a line on stderr) and gives its exit code. */
export function report(error: unknown, json: boolean): number {
  const { code, exitCode } = error instanceof CannonError ? outcomes[error.code] : { code: 'INTERNAL', exitCode: 1 };
  const message = error instanceof Error ? error.message : String(error);
  if (json) {
    const unreachable = error instanceof UnreachableTargetError ? { maxDistance: error.maxDistance } : {};
    console.log(JSON.stringify({ error: { code, message, ...unreachable } }, null, 2));
  } else {
    console.error(`cannon: ${message}`);
  }
  return exitCode;
}
