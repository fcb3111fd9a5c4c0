import { ModelFileError } from '@cannon/errors';

/** The network's file in every saved model, and the weights file its manifest names. */
export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

/** What is saved and how it is named in errors: 'surrogate', saved by 'saveSurrogate' into 'surrogate.json'. */
export interface ModelKind {
  kind: string;
  saver: string;
  metadataFile: string;
}

/**
 * Checks the part every metadata file shares: a JSON object of the expected `format` and `version`
 * (`kind` names what it should describe, `reader` what reads it, in the errors). Returns it, unchecked
 * otherwise, with `fail`, which throws ModelFileError naming the file, for the checks that follow.
 */
export function checkMetadataHead<T>(
  value: unknown,
  file: string,
  { format, version, kind, reader }: { format: string; version: number; kind: string; reader: string },
): { metadata: Partial<T>; fail(problem: string): never } {
  const fail = (problem: string): never => {
    throw new ModelFileError(file, problem);
  };
  if (typeof value !== 'object' || value === null) return fail('does not hold a JSON object');
  const head = value as { format?: unknown; version?: unknown };
  if (head.format !== format) fail(`is not ${kind} metadata: format is ${JSON.stringify(head.format)}, expected "${format}"`);
  if (head.version !== version) fail(`has version ${JSON.stringify(head.version)}; this ${reader} reads version ${version}`);
  return { metadata: value as Partial<T>, fail };
}
