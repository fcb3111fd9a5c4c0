/** A shot that never comes down through the target height: exit code 3. */
export class NoLandingError extends Error {
  readonly code = 'NO_LANDING';
  constructor(message: string) {
    super(message);
    this.name = 'NoLandingError';
  }
}
