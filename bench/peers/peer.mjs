// Runs the repository's PyTorch and JAX peers (the Python scripts beside this module) for the benchmarks.
//
//   import { runJaxPeer, runPeer } from '../../../bench/peers/peer.mjs';
//   const lines = runPeer('drag_aimer.py', [1, 60, 40, 60]); // the peer's JSON lines, or null
//   const jax = runJaxPeer('jax_physics.py', ['--threads', 1]); // the same, under the JAX environment
//
// A PyTorch peer runs under Debian's /usr/bin/python3 with python3-torch; a JAX peer runs under the virtual
// environment bench/peers/.venv, which runJaxPeer makes the first time it is needed (python3 -m venv, then
// pip install -r requirements-jax.txt). Either runs in the benchmark's process tree and prints one JSON
// object per line. When it cannot run (no python3, no torch, no package index for JAX) or fails, it prints
// one line to stderr saying why and returns null, so that a benchmark goes on without the peer's figures.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  const path = peerPath(script, 'runPeer');
  const skip = skipper(script);
  if (!existsSync(PYTHON)) return skip(`${PYTHON} not found; install Python with PyTorch: ${INSTALL}`);

  const run = spawnSync(PYTHON, [path, ...args.map(String)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: timeoutSeconds * 1000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status === NO_TORCH || /No module named '?torch\b/.test(run.stderr ?? '')) {
    return skip(`PyTorch is not installed for ${PYTHON}; install it: ${INSTALL}`);
  }
  return readRun(run, PYTHON, timeoutSeconds, skip);
}

/** The JAX environment: a virtual environment beside this module, with the pinned packages. */
const VENV = fileURLToPath(new URL('.venv', import.meta.url));
const VENV_PYTHON = `${VENV}/bin/python`;
const REQUIREMENTS = fileURLToPath(new URL('requirements-jax.txt', import.meta.url));
/** Written last when the environment is made, with the requirements it holds: without it, it is made anew. */
const READY = `${VENV}/.ready`;
/** Whether this process has the JAX environment: null until asked, then true, or the reason it has not. */
let jaxReady = null;

/**
 * Makes bench/peers/.venv with the pinned JAX packages (requirements-jax.txt) unless it is there already,
 * once per process. A half-made environment (no ready marker, or one for other requirements) is made anew.
 * @returns {true | string} true, or why there is no JAX environment
 */
export function ensureJaxEnvironment() {
  if (jaxReady !== null) return jaxReady;
  const requirements = readFileSync(REQUIREMENTS, 'utf8');
  if (existsSync(READY) && readFileSync(READY, 'utf8') === requirements && existsSync(VENV_PYTHON)) return (jaxReady = true);
  rmSync(VENV, { recursive: true, force: true });
  const venv = spawnSync('python3', ['-m', 'venv', VENV], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  if (venv.error || venv.status !== 0) {
    rmSync(VENV, { recursive: true, force: true });
    return (jaxReady = `python3 -m venv failed: ${venv.error?.message ?? firstErrorLine(venv.stderr ?? '')}`);
  }
  const pip = spawnSync(`${VENV}/bin/pip`, ['install', '--quiet', '-r', REQUIREMENTS], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 900_000 });
  if (pip.error || pip.status !== 0) {
    rmSync(VENV, { recursive: true, force: true });
    return (jaxReady = `pip could not install JAX (is a package index reachable?): ${pip.error?.message ?? firstErrorLine(pip.stderr ?? '')}`);
  }
  writeFileSync(READY, requirements);
  return (jaxReady = true);
}

/**
 * Runs bench/peers/<script> with args under the JAX environment (made first if need be) and returns its
 * stdout's JSON lines, parsed; or null, after printing one line to stderr, when there is no JAX environment
 * or the peer fails.
 * @param {string} script a file name in bench/peers, e.g. 'jax_physics.py'
 * @param {Array<string | number>} [args] the peer's command-line arguments
 * @param {{ timeoutSeconds?: number, input?: string }} [options] how long the peer may run (default 900 s);
 *   what to write to its stdin
 * @returns {Array<Record<string, unknown>> | null}
 */
export function runJaxPeer(script, args = [], { timeoutSeconds = 900, input } = {}) {
  const path = peerPath(script, 'runJaxPeer');
  const skip = skipper(script);
  const ready = ensureJaxEnvironment();
  if (ready !== true) return skip(ready);
  const run = spawnSync(VENV_PYTHON, [path, ...args.map(String)], {
    encoding: 'utf8',
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    timeout: timeoutSeconds * 1000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return readRun(run, VENV_PYTHON, timeoutSeconds, skip);
}

function peerPath(script, caller) {
  const path = fileURLToPath(new URL(script, import.meta.url));
  if (basename(script) !== script || !existsSync(path)) {
    throw new Error(`${caller}: no peer named ${script} in ${fileURLToPath(new URL('.', import.meta.url))}`);
  }
  return path;
}

function skipper(script) {
  return (why) => {
    console.error(`peer ${script} skipped: ${why}`);
    return null;
  };
}

/** A finished peer's JSON lines, or null (said on stderr) when it timed out, failed or printed something else. */
function readRun(run, python, timeoutSeconds, skip) {
  const stderr = run.stderr ?? '';
  if (run.error?.code === 'ETIMEDOUT') return skip(`timed out after ${timeoutSeconds} s`);
  if (run.error) return skip(`${python} could not run: ${run.error.message}`);
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
