import { ModelFileError } from '@cannon/errors';

/** Where a saved model's files are read from: a directory in Node, or a URL. */
export interface FileSource {
  /** The path or URL of a file, for errors. */
  locate(name: string): string;
  /** The file's bytes; a missing file throws ModelFileError naming it. */
  read(name: string): Promise<Uint8Array>;
}

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** Files under a URL, fetched (the browser's way; Node 20 has fetch too). */
export function urlSource(url: string): FileSource {
  const base = url.replace(/\/+$/, '');
  const locate = (name: string) => `${base}/${name}`;
  return {
    locate,
    async read(name) {
      let response: Response;
      try {
        response = await fetch(locate(name));
      } catch (error) {
        throw new ModelFileError(locate(name), `could not be fetched: ${(error as Error).message}`);
      }
      if (response.status === 404) throw new ModelFileError(locate(name), 'is missing (HTTP 404)');
      if (!response.ok) throw new ModelFileError(locate(name), `could not be fetched: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}
