// The scratch copy of the repository a release test versions and publishes, and what its changesets ask for.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Copies the working tree of the repository at `root` into `destination`: its tracked files and the new ones
 * git does not ignore, as they are on disk (so what is tested is what is being worked on), without
 * node_modules, builds or caches.
 */
export async function copyWorkingTree(root: string, destination: string): Promise<void> {
  const listing = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const files = listing.split('\0').filter((file) => file !== '' && existsSync(join(root, file)));
  for (const file of files) {
    await mkdir(dirname(join(destination, file)), { recursive: true });
    await copyFile(join(root, file), join(destination, file));
  }
}

export type Bump = 'major' | 'minor' | 'patch';

export interface Changeset {
  file: string;
  /** The bump each package it names asks for. */
  releases: Record<string, Bump>;
  summary: string;
}

/** The changesets waiting in `root`/.changeset: one markdown file each, a front matter of `'<package>': <bump>` lines. */
export function pendingChangesets(root: string): Changeset[] {
  const folder = join(root, '.changeset');
  return readdirSync(folder)
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .sort()
    .map((file) => {
      const text = readFileSync(join(folder, file), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
      if (!match) throw new Error(`.changeset/${file} has no front matter`);
      const releases: Record<string, Bump> = {};
      for (const line of match[1].split('\n').filter((l) => l.trim() !== '')) {
        const release = /^\s*['"]?([^'"]+)['"]?\s*:\s*(major|minor|patch)\s*$/.exec(line);
        if (!release) throw new Error(`.changeset/${file}: cannot read the line ${JSON.stringify(line)}`);
        releases[release[1]] = release[2] as Bump;
      }
      return { file, releases, summary: match[2].trim() };
    });
}

/** `version` bumped: 0.1.0 → 0.1.1 (patch), 0.2.0 (minor), 1.0.0 (major), as changesets does. */
export function bumpVersion(version: string, bump: Bump): string {
  const [major, minor, patch] = version.split('.').map(Number);
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** The largest bump the changesets ask of each package they name. */
export function requestedBumps(changesets: Changeset[]): Map<string, Bump> {
  const order: Bump[] = ['patch', 'minor', 'major'];
  const bumps = new Map<string, Bump>();
  for (const { releases } of changesets) {
    for (const [name, bump] of Object.entries(releases)) {
      const current = bumps.get(name);
      if (current === undefined || order.indexOf(bump) > order.indexOf(current)) bumps.set(name, bump);
    }
  }
  return bumps;
}
