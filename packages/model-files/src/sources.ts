import { checkNumber, InvalidInputError, ModelFileError } from '@cannon/errors';

/** Where a saved model's files are read from: a directory in Node, or a URL. */
export interface FileSource {
  /** The path or URL of a file, for errors. */
  locate(name: string): string;
  /** The file's bytes; a missing file throws ModelFileError naming it. */
  read(name: string): Promise<Uint8Array>;
}

export function isUrl(source: string): boolean {
  return typeof source === 'string' && /^https?:\/\//i.test(source);
}

/** How a saved model is read. */
export interface SourceOptions {
  /** How long a URL's server may take to answer each file, in seconds; default 30. */
  timeoutSeconds?: number;
}

export const DEFAULT_TIMEOUT_SECONDS = 30;

/** Files under a URL, fetched (the browser's way; Node 20 has fetch too), each within `timeoutSeconds`. */
export function urlSource(url: string, options: SourceOptions = {}): FileSource {
  if (options === null || typeof options !== 'object') throw new InvalidInputError('options', 'an object { timeoutSeconds }', options);
  const { timeoutSeconds = DEFAULT_TIMEOUT_SECONDS } = options;
  if (!isUrl(url)) throw new InvalidInputError('url', 'an http(s) URL', url);
  checkNumber('timeoutSeconds', timeoutSeconds, { min: 0, minOpen: true });
  const base = url.replace(/\/+$/, '');
  const locate = (name: string) => `${base}/${name}`;
  return {
    locate,
    async read(name) {
      // One deadline for the answer and its body: a server that accepts and never answers, or stalls mid-file.
      const signal = AbortSignal.timeout(Math.min(timeoutSeconds * 1000, 2 ** 31 - 1));
      const failed = (error: unknown): never => {
        if (signal.aborted) throw new ModelFileError(locate(name), `did not arrive within ${timeoutSeconds} s (timeoutSeconds)`);
        throw new ModelFileError(locate(name), `could not be fetched: ${(error as Error).message}`);
      };
      const response = await fetch(locate(name), { signal }).catch(failed);
      if (response.status === 404) throw new ModelFileError(locate(name), 'is missing (HTTP 404)');
      if (!response.ok) throw new ModelFileError(locate(name), `could not be fetched: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer().catch(failed));
    },
  };
}
