// A real release, end to end: a scratch copy of the repository is versioned by its changesets and published by
// `pnpm release` to a local npm registry (Verdaccio); a fresh project then installs the packages from that
// registry with plain npm and aims with them, from the library and from the `cannon` bin.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { landing } from '@cannon/physics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencyFields, pnpm, pnpmOnPath, publicPackages, repositoryRoot, run, userEnvironment, workspacePackages, type Manifest } from '../../support/workspace.js';
import { expectOnTarget, type Shot } from '../../support/shots.js';
import { startRegistry, type LocalRegistry } from './registry.js';
import { bumpVersion, copyWorkingTree, pendingChangesets, requestedBumps, type Bump } from './repository.js';

/** Where the physics lands a shot again, in the world of the published aimers' defaults (flat ground, no air). */
const reland = ({ speed, angle }: Shot) => landing({ speed, angle })?.distance ?? null;

const timings: [string, number][] = [];
async function timed<T>(stage: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings.push([stage, (performance.now() - started) / 1000]);
  }
}

describe('a release of the repository, published to a local npm registry', () => {
  let work: string;
  let registry: LocalRegistry | undefined;
  let scratch: string;
  let environment: NodeJS.ProcessEnv;
  const versionsBefore = new Map<string, string>();
  const bumps = new Map<string, Bump>();
  let changesetSummaries: { summary: string; packages: string[] }[] = [];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'cannon-release-'));
    scratch = join(work, 'repository');
    const bin = await pnpmOnPath(join(work, 'bin'));
    environment = userEnvironment({ PATH: `${bin}${delimiter}${userEnvironment().PATH}` });
    const upstream = (await run('npm', ['config', 'get', 'registry'], { cwd: work })).stdout.trim();
    await timed('start the registry', async () => {
      registry = await startRegistry(join(work, 'registry'), upstream);
    });
    await timed('copy and install the repository', async () => {
      await copyWorkingTree(repositoryRoot, scratch);
      // A repository of its own, for the tags `changeset publish` makes.
      await run('git', ['init', '-q'], { cwd: scratch, env: environment });
      await run('git', ['add', '-A'], { cwd: scratch, env: environment });
      await run('git', ['-c', 'user.name=release test', '-c', 'user.email=release-test@localhost', 'commit', '-qm', 'the release under test'], { cwd: scratch, env: environment });
      await pnpm(['install', '--frozen-lockfile'], { cwd: scratch, env: environment });
    });
  });

  afterAll(async () => {
    await registry?.stop();
    if (work) await rm(work, { recursive: true, force: true });
    console.log(`release test stages:\n${timings.map(([stage, seconds]) => `  ${stage}: ${seconds.toFixed(1)} s`).join('\n')}`);
  });

  describe('pnpm changeset version', () => {
    beforeAll(async () => {
      const publicNames = publicPackages(scratch).map(({ name }) => name);
      if (pendingChangesets(scratch).length === 0) {
        // Nothing pending: release every public package as a patch, so that there is something to publish.
        const lines = publicNames.map((name) => `'${name}': patch`);
        await writeFile(join(scratch, '.changeset', 'release-test.md'), `---\n${lines.join('\n')}\n---\n\nA release made by the release test.\n`);
      }
      const pending = pendingChangesets(scratch);
      changesetSummaries = pending.map(({ releases, summary }) => ({ summary, packages: Object.keys(releases) }));
      for (const [name, bump] of requestedBumps(pending)) bumps.set(name, bump);
      for (const { name, manifest } of workspacePackages(scratch)) versionsBefore.set(name, manifest.version);
      await timed('pnpm changeset version', () => pnpm(['changeset', 'version'], { cwd: scratch, env: environment }));
    });

    it('gives each package a pending changeset names the version its largest bump asks for', () => {
      expect(bumps.size).toBeGreaterThan(0);
      const versions = new Map(workspacePackages(scratch).map(({ name, manifest }) => [name, manifest.version]));
      for (const [name, bump] of bumps) {
        expect(versions.get(name), `${name}: ${versionsBefore.get(name)} with a ${bump}`).toBe(bumpVersion(versionsBefore.get(name)!, bump));
      }
    });

    it("writes each new version and its changesets' summaries into the package's CHANGELOG.md", () => {
      const packages = new Map(workspacePackages(scratch).map((pkg) => [pkg.name, pkg]));
      for (const name of bumps.keys()) {
        const { dir, manifest } = packages.get(name)!;
        const changelogFile = join(dir, 'CHANGELOG.md');
        expect(existsSync(changelogFile), `${name} has a CHANGELOG.md`).toBe(true);
        const changelog = readFileSync(changelogFile, 'utf8');
        expect(changelog, name).toContain(`## ${manifest.version}`);
        for (const { summary, packages: named } of changesetSummaries) {
          if (named.includes(name)) expect(changelog, name).toContain(summary.split('\n')[0]);
        }
      }
    });

    it('consumes the changesets it applied', () => {
      expect(pendingChangesets(scratch)).toEqual([]);
    });
  });

  describe('pnpm release', () => {
    beforeAll(async () => {
      const host = new URL(registry!.url).host;
      // As a maintainer's .npmrc would: the registry, and a token for publishing to it.
      await writeFile(join(scratch, '.npmrc'), `registry=${registry!.url}\n//${host}/:_authToken=${registry!.token}\n`);
      await timed('pnpm release (build and publish)', () =>
        pnpm(['release'], { cwd: scratch, env: { ...environment, npm_config_registry: registry!.url } }),
      );
    });

    it('publishes every public package, the cannon CLI included, at its new version', async () => {
      const published = publicPackages(scratch);
      expect(published.map(({ name }) => name)).toContain('@cannon/cli');
      for (const { name, manifest } of published) {
        const packument = await registry!.packument(name);
        expect(packument, `${name} is on the registry`).not.toBeNull();
        expect(Object.keys(packument!.versions), name).toContain(manifest.version);
        expect(packument!['dist-tags'].latest, name).toBe(manifest.version);
      }
    });

    it('publishes no private package', async () => {
      const privates = workspacePackages(scratch).filter(({ manifest }) => manifest.private === true);
      expect(privates.map(({ name }) => name)).toContain('@cannon/docs-site');
      for (const { name } of privates) expect(await registry!.packument(name), name).toBeNull();
    });

    it('publishes manifests whose dependencies on each other are the released versions as semver ranges, no workspace: left', async () => {
      const released = new Map(publicPackages(scratch).map(({ name, manifest }) => [name, manifest.version]));
      for (const [name, version] of released) {
        const manifest = (await registry!.packument(name))!.versions[version] as unknown as Manifest;
        for (const field of dependencyFields) {
          for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
            expect(range, `${name}@${version} ${field}.${dependency}`).not.toMatch(/^workspace:/);
            if (released.has(dependency) && field !== 'devDependencies') {
              expect(range, `${name}@${version} ${field}.${dependency}`).toMatch(new RegExp(`^[\\^~]?${released.get(dependency)!.replaceAll('.', '\\.')}$`));
            }
          }
        }
      }
    });
  });

  describe('installed from the registry with plain npm', () => {
    let project: string;
    let installEnvironment: NodeJS.ProcessEnv;

    beforeAll(async () => {
      project = join(work, 'consumer');
      // A cache of its own: every package comes from the local registry, and nothing is left in the user's.
      installEnvironment = userEnvironment({ npm_config_cache: join(work, 'npm-cache'), npm_config_update_notifier: 'false' });
      await mkdir(project, { recursive: true });
      await writeFile(join(project, '.npmrc'), `registry=${registry!.url}\n`);
      await run('npm', ['init', '-y'], { cwd: project, env: installEnvironment });
      await timed('npm install from the registry', () =>
        run('npm', ['install', '--no-audit', '--no-fund', '@cannon/physics', '@cannon/inverse', '@cannon/cli'], { cwd: project, env: installEnvironment }).catch((error: Error) => {
          throw new Error(`${error.message}\n--- the registry's log\n${registry!.log()}`);
        }),
      );
    });

    it('installs the released versions', () => {
      const released = new Map(publicPackages(scratch).map(({ name, manifest }) => [name, manifest.version]));
      for (const name of ['@cannon/physics', '@cannon/inverse', '@cannon/cli']) {
        const installed = JSON.parse(readFileSync(join(project, 'node_modules', name, 'package.json'), 'utf8')) as Manifest;
        expect(installed.version, name).toBe(released.get(name));
      }
    });

    it('ships the CLI with its built bin', () => {
      expect(existsSync(join(project, 'node_modules', '@cannon', 'cli', 'dist', 'cli.js'))).toBe(true);
      expect(existsSync(join(project, 'node_modules', '.bin', 'cannon'))).toBe(true);
    });

    it('aims from an ES module script as the @cannon/inverse README shows', async () => {
      await writeFile(join(project, 'aim.mjs'), "import { aim } from '@cannon/inverse';\n\nconsole.log(JSON.stringify(aim(6.5)));\n");
      const { stdout } = await run(process.execPath, ['aim.mjs'], { cwd: project, env: installEnvironment });
      const shot = JSON.parse(stdout) as Shot;
      expectOnTarget(shot, 6.5, 0.05, reland, stdout);
    });

    it('aims from the bin: npx cannon aim 6.5 --json lands within the command’s 1 mm', async () => {
      const { stdout } = await timed('npx cannon aim', () => run('npx', ['cannon', 'aim', '6.5', '--json'], { cwd: project, env: installEnvironment }));
      const shot = JSON.parse(stdout) as { target: number; speed: number; angleRad: number; landing: number; miss: number };
      expect(shot.target, stdout).toBe(6.5);
      expectOnTarget({ speed: shot.speed, angle: shot.angleRad, landing: shot.landing, error: shot.miss }, 6.5, 0.001, reland, stdout);
    });

    it('measures the installed libraries: npx cannon bench --json prints their own figures, each a number', async () => {
      const { stdout } = await timed('npx cannon bench', () => run('npx', ['cannon', 'bench', '--json'], { cwd: project, env: installEnvironment }));
      const figures = JSON.parse(stdout) as { bench: string; value: unknown; unit: string }[];
      expect(figures.map(({ bench }) => bench).sort(), stdout).toEqual(
        [
          'inverse.aim.p50us',
          'inverse.aim.p99us',
          'inverse.aim.preciseP50us',
          'inverse.aim.preciseP99us',
          'physics.simulateLandings.usPerShot',
          'physics.simulateLandingsWithGradient.usPerShot',
        ].sort(),
      );
      for (const { bench, value } of figures) {
        expect(typeof value, bench).toBe('number');
        expect(Number.isFinite(value) && (value as number) > 0, `${bench} = ${String(value)}`).toBe(true);
      }
    });
  });

  it('stops the registry and leaves no process and no file behind', async () => {
    const { pid } = registry!;
    await registry!.stop();
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
    await rm(work, { recursive: true, force: true });
    expect(existsSync(work)).toBe(false);
  });
});
