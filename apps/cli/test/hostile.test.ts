// The argument parser under hostile command lines: random flags, values and stray tokens for the commands that
// answer at once. Whatever the line, `--json` gives exit 0, 2 or 3, one JSON object on stdout (an answer, or
// an error whose code is never INTERNAL), and nothing on stderr.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fc } from '../../../tests/support/hostile.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const flags = ['--wind', '--drag', '--launch-height', '--target-height', '--speed', '--angle', '--arc', '--tolerance', '--max-speed', '--trajectory', '--help', '--bogus'];
const values = ['5', '-5', '0', '-0', '1e308', '-1e308', '1e-300', 'NaN', 'Infinity', '', ' ', 'x', '40deg', '0.7rad', '--', '-', '--=', 'high', 'low', '3.5', '0x10', '1_000'];
const token = fc.oneof(fc.constantFrom(...flags), fc.constantFrom(...values), fc.string({ maxLength: 6 }), fc.double().map(String));
const line = fc.tuple(fc.constantFrom('aim', 'simulate'), fc.array(token, { maxLength: 6 }));

describe('the command line under hostile arguments', () => {
  it('answers or names what is wrong, as JSON, never INTERNAL', () => {
    fc.assert(
      fc.property(line, ([command, args]) => {
        const { status, stdout, stderr } = spawnSync(process.execPath, [cli, command, ...args, '--json'], { encoding: 'utf8' });
        const where = `cannon ${command} ${args.join(' ')} --json`;
        expect([0, 2, 3], where).toContain(status);
        expect(stderr, where).toBe('');
        const body = JSON.parse(stdout);
        if (status !== 0) {
          expect(Object.keys(body), where).toEqual(['error']);
          expect(['BAD_INPUT', 'UNREACHABLE', 'NO_LANDING'], where).toContain(body.error.code);
        }
      }),
      { numRuns: 40 },
    );
  });
});
