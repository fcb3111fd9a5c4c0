/**
 * A saved model that cannot be loaded (or saved): a file that is missing, truncated, or does not
 * describe the model expected. `file` is the path or URL of the file (or directory) at fault.
 */
export class ModelFileError extends Error {
  readonly file: string;

  constructor(file: string, problem: string) {
    super(`${file} ${problem}`);
    this.name = 'ModelFileError';
    this.file = file;
  }
}
