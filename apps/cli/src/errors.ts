/** A shot that never comes down through the target height: exit code 3. */
export class NoLandingError extends Error {
  readonly code = 'NO_LANDING';
  constructor(message: string) {
    super(message);
    this.name = 'NoLandingError';
  }
}

/** Prints an error the way the caller asked (JSON on stdout, or a line on stderr) and gives its exit code. */
export async function report(error: unknown, json: boolean): Promise<number> {
  // The error classes of the libraries, loaded only when there is an error to name.
  const [{ InvalidInputError }, { OutsideDomainError, UnreachableTargetError }, { ModelFileError }, { UsageError }] = await Promise.all([
    import('@cannon/physics'),
    import('@cannon/inverse'),
    import('@cannon/model-files'),
    import('./args.js'),
  ]);
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
