import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { anything, fc, typedErrorChecks } from '../../../tests/support/hostile.js';
import { checkMetadataHead, directorySource, ModelFileError, urlSource, writeDirectoryAtomically } from '../src/index.js';
import { CannonError } from '@cannon/errors';

const { answersOrNames, answersOrNamesAsync } = typedErrorChecks(CannonError);
const root = mkdtempSync(join(tmpdir(), 'model-files-hostile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const head = { format: 'cannon-widget', version: 1, kind: "a widget's", reader: 'this reader' };

describe('hostile input to the model files gets an answer or a typed error', () => {
  it('the metadata check and the URL source', () => {
    fc.assert(fc.property(anything, (value) => answersOrNames(() => checkMetadataHead(value, 'widget.json', head))), { numRuns: 400 });
    fc.assert(fc.property(anything, anything, (url, options) => answersOrNames(() => urlSource(url as never, options as never))), { numRuns: 400 });
  });

  it('the directory source and the atomic write, with hostile paths and files', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(anything, async (files) => {
        const target = join(root, `write-${n++}`);
        await answersOrNamesAsync(() => writeDirectoryAtomically(target, files as never));
        await answersOrNamesAsync(() => directorySource(target));
      }),
      { numRuns: 150 },
    );
    await fc.assert(fc.asyncProperty(anything, async (path) => answersOrNamesAsync(() => directorySource(path as never))), { numRuns: 150 });
  });
});
void ModelFileError;
