// The tarballs as `npm publish` uploads them: what is in them, what their manifests say, and what publint and
// arethetypeswrong find in them.
import { readFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, describe, expect, it } from 'vitest';
import { dependencyFields, readTarball, run, type Manifest } from '../../support/workspace.js';
import { consumers } from './consumers.js';

const { tarballs } = consumers();
const packages = Object.keys(tarballs).sort();
const manifestOf = (name: string) => JSON.parse(readTarball(tarballs[name]).text('package/package.json')) as Manifest;
const libraries = packages.filter((name) => manifestOf(name).exports !== undefined);
const attwBin = join(dirname(createRequire(import.meta.url).resolve('@arethetypeswrong/cli/package.json')), 'dist', 'index.js');

afterAll(() => {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const rows = packages.map((name) => {
    const packed = readFileSync(tarballs[name]).length;
    const unpacked = readTarball(tarballs[name]).entries.reduce((sum, { size }) => sum + size, 0);
    return `  ${name.padEnd(22)} ${kb(packed).padStart(9)} packed ${kb(unpacked).padStart(9)} unpacked`;
  });
  console.log(`tarball sizes:\n${rows.join('\n')}`);
});

describe('the packed tarballs', () => {
  it('are one for each public package, the cannon CLI among them', () => {
    expect(packages).toContain('@cannon/cli');
    expect(packages).toContain('@cannon/physics');
  });

  it.each(packages)('%s holds its built dist/, its README and its package.json, and nothing else (no sources, no tests)', (name) => {
    const paths = readTarball(tarballs[name]).entries.map(({ path }) => path.replace(/^package\//, ''));
    expect(paths).toContain('package.json');
    expect(paths).toContain('README.md');
    expect(paths.filter((path) => path.startsWith('dist/')).length).toBeGreaterThan(0);
    expect(paths.filter((path) => !/^(package\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/.+)$/.test(path))).toEqual([]);
  });

  it.each(packages)('%s declares engines, repository, keywords and license', (name) => {
    const manifest = manifestOf(name);
    expect(manifest.engines).toEqual({ node: '>=20.19' });
    expect(manifest.repository).toMatchObject({ type: 'git', directory: expect.stringMatching(/^(packages|apps)\//) });
    expect((manifest.keywords as string[]).length).toBeGreaterThan(0);
    expect(manifest.license).toBe('MIT');
  });

  it.each(packages)('%s names each @cannon package it depends on by a semver range of its version, no workspace: left', (name) => {
    const manifest = manifestOf(name);
    for (const field of dependencyFields) {
      for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
        expect(range, `${field}.${dependency}`).not.toMatch(/^workspace:/);
        if (dependency in tarballs && field !== 'devDependencies') {
          expect(range, `${field}.${dependency}`).toBe(`^${manifestOf(dependency).version}`);
        }
      }
    }
  });

  it.each(packages)('%s imports in its built code only Node built-ins, itself, and its dependencies and peers', (name) => {
    const tarball = readTarball(tarballs[name]);
    const manifest = manifestOf(name);
    const declared = new Set([name, ...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
    const undeclared = new Set<string>();
    for (const { path } of tarball.entries.filter(({ path }) => /\.(c|m)?js$/.test(path))) {
      const code = tarball.text(path);
      for (const [, specifier] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s*)["']([^"'\s]+)["']/gm)) {
        if (specifier.startsWith('.') || isBuiltin(specifier)) continue;
        const packageName = specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
        if (!declared.has(packageName)) undeclared.add(`${packageName} (in ${basename(path)})`);
      }
    }
    expect([...undeclared]).toEqual([]);
  });

  it.each(packages)('%s: publint finds nothing to fix, suggestions included', async (name) => {
    const bytes = readFileSync(tarballs[name]);
    const { messages, pkg } = await publint({ pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }, level: 'suggestion', strict: true });
    expect(messages.map((message) => `${message.type} ${message.code}: ${formatMessage(message, pkg) ?? ''}`)).toEqual([]);
  });

  it.each(libraries)('%s: arethetypeswrong finds every entry typed right under node10, node16 (from CommonJS and ES modules) and bundlers', async (name) => {
    // It exits with 1 when it finds a problem; the report says which.
    const { stdout } = await run(process.execPath, [attwBin, tarballs[name], '--format', 'json', '--no-definitely-typed'], { cwd: dirname(tarballs[name]), allowFailure: true });
    const report = JSON.parse(stdout) as { analysis: { entrypoints: Record<string, unknown>; problems: unknown[] } };
    expect(Object.keys(report.analysis.entrypoints)).toContain('.');
    expect(report.analysis.problems).toEqual([]);
  });

  it('@cannon/cli is a command, not a library: a bin and no entry to import, so no types for arethetypeswrong to check', () => {
    const manifest = manifestOf('@cannon/cli');
    expect(manifest.bin).toEqual({ cannon: './dist/cli.js' });
    expect(manifest.exports).toBeUndefined();
    expect(manifest.main).toBeUndefined();
    expect(readTarball(tarballs['@cannon/cli']).text('package/dist/cli.js').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
