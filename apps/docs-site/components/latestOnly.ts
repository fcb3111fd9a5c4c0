/**
 * Wraps an asynchronous question so that at most one is in flight and only the answer to the latest asking
 * is applied: a slider dragged across ten values asks the worker twice, not ten times.
 */
export function latestOnly<T>(ask: () => Promise<T>, apply: (answer: T) => void, fail: (error: unknown) => void = () => {}): () => void {
  let running = false;
  let again = false;
  return async function askLatest() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const answer = await ask();
        if (!again) apply(answer);
      } while (again);
    } catch (error) {
      fail(error);
    } finally {
      running = false;
    }
  };
}
