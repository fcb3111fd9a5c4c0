// What a hostile caller passes, for property-based tests of every public function: numbers of every kind (NaN,
// ±Infinity, -0, the largest and the smallest), and things that are not numbers at all. The property the tests
// state with it: a call answers, or throws one of @cannon's typed errors, never anything else.
import fc from 'fast-check';

export { fc };

/** Any value: numbers of every kind, strings, null, undefined, booleans, short arrays and small objects. */
export const anything = fc.oneof(
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1e308, -1e308, 1e-300, 5e-324),
  fc.integer(),
  fc.string(),
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.array(fc.double(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

/**
 * The property's checks, for the typed-error class of the package under test (`CannonError` of @cannon/errors,
 * passed in so that this file needs nothing but fast-check): a call that answers, or throws a typed error, passes.
 */
export function typedErrorChecks(Typed: abstract new (...args: never[]) => Error) {
  const expectTyped = (error: unknown) => {
    if (!(error instanceof Typed)) throw new Error(`not a typed error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  };
  return {
    answersOrNames(call: () => unknown): void {
      try {
        call();
      } catch (error) {
        expectTyped(error);
      }
    },
    async answersOrNamesAsync(call: () => Promise<unknown>): Promise<void> {
      try {
        await call();
      } catch (error) {
        expectTyped(error);
      }
    },
  };
}
