// Runs the repository's PyTorch peers (the Python scripts beside this module) for the benchmarks.
//
//   import { runPeer } from '../../../bench/peers/peer.mjs';
//   const lines = runPeer('drag_aimer.py', [1, 60, 40, 60]); // the peer's JSON lines, or null
//
// A peer runs under Debian's /usr/bin/python3 with python3-torch, in the benchmark's process tree, and
// prints one JSON object per line. When it cannot run (no python3, no torch) or fails, runPeer prints
// one line to stderr saying why and returns null, so that a benchmark goes on without the peer's figures.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const PYTHON = '/usr/bin/python3';
const INSTALL = 'apt-get install python3-torch';
/** The exit status of a peer that finds no torch to import. */
const NO_TORCH = 3;

/**
 * Runs bench/peers/<script> with args under /usr/bin/python3 and returns its stdout's JSON lines, parsed.
 * Returns null, after printing one line to stderr, when python3 or torch is missing or the peer fails.
 * @param {string} script a file name in bench/peers, e.g. 'drag_aimer.py'
 * @param {Array<string | number>} [args] the peer's command-line arguments
 * @param {{ timeoutSeconds?: number }} [options] how long the peer may run (default 900 s)
 * @returns {Array<Record<string, unknown>> | null}
 */
export function runPeer(script, args = [], { timeoutSeconds = 900 } = {}) {
  const path = fileURLToPath(new URL(script, import.meta.url));
  if (basename(script) !== script || !existsSync(path)) {
    throw new Error(`runPeer: no peer named ${script} in ${fileURLToPath(new URL('.', import.meta.url))}`);
  }
  const skip = (why) => {
    console.error(`peer ${script} skipped: ${why}`);
    return null;
  };
  if (!existsSync(PYTHON)) return skip(`${PYTHON} not found; install Python with PyTorch: ${INSTALL}`);

  const run = spawnSync(PYTHON, [path, ...args.map(String)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: timeoutSeconds * 1000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const stderr = run.stderr ?? '';
  if (run.error?.code === 'ETIMEDOUT') return skip(`timed out after ${timeoutSeconds} s`);
  if (run.error) return skip(`${PYTHON} could not run: ${run.error.message}`);
  if (run.status === NO_TORCH || /No module named '?torch\b/.test(stderr)) {
    return skip(`PyTorch is not installed for ${PYTHON}; install it: ${INSTALL}`);
  }
  if (run.status !== 0) {
    const how = run.signal ? `signal ${run.signal}` : `exit status ${run.status}`;
    return skip(`it failed (${how}): ${firstErrorLine(stderr)}`);
  }

  const lines = run.stdout.split('\n').filter((line) => line.trim() !== '');
  const parsed = [];
  for (const line of lines) {
    try {
      parsed.push(JSON.parse(line));
    } catch {
      return skip(`it printed a line that is not JSON: ${line.slice(0, 200)}`);
    }
  }
  if (parsed.length === 0) return skip('it printed nothing');
  return parsed;
}

/** The first line of a peer's stderr that says what went wrong (a traceback's exception line, not its header). */
function firstErrorLine(stderr) {
  const lines = stderr.split('\n').map((line) => line.trimEnd()).filter((line) => line !== '');
  return (
    lines.find((line) => /^[A-Za-z_][\w.]*(Error|Exception|Interrupt)\b/.test(line)) ?? // a traceback's last line
    lines.find((line) => /\berror\b/i.test(line)) ?? // e.g. argparse's "drag_aimer.py: error: ..."
    lines[0] ??
    '(nothing on stderr)'
  );
}
