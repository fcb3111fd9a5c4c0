// Generates the site's API reference (pages/api/<package>/) from the doc comments of every @cannon
// library with TypeDoc and typedoc-plugin-markdown. The output is gitignored: `build` and `dev` run this first.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, Converter, LogLevel, OptionDefaults } from 'typedoc';

const site = join(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = join(site, '..', '..', 'packages');
const apiDir = join(site, 'pages', 'api');

/**
 * Every entry of a package's `exports` map (`./dist/<name>.js`), as its source: `src/<name>.ts`, or
 * `src/<name>/index.ts` (the `/tensor` entries), with the import path a reader writes.
 */
function sourceEntryPoints(packageDir, manifest) {
  return Object.entries(manifest.exports ?? {}).flatMap(([subpath, target]) => {
    const built = typeof target === 'string' ? target : (target?.import?.default ?? target?.default);
    if (typeof built !== 'string' || !/^\.\/dist\/.+\.js$/.test(built)) return [];
    const name = built.replace(/^\.\/dist\//, '').replace(/\.js$/, '');
    const file = [join(packageDir, 'src', `${name}.ts`), join(packageDir, 'src', name, 'index.ts')].find((candidate) => existsSync(candidate));
    return file ? [{ file, importPath: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.replace(/^\.\//, '')}` }] : [];
  });
}

/** VitePress reads markdown as a Vue template: keep `{{ … }}` in a doc comment from being interpolated. */
function asStaticPage(markdown, title) {
  const body = markdown.replace(/^# .*\n+/, '');
  return `---\ntitle: ${JSON.stringify(title)}\noutline: [2, 3]\n---\n\n# ${title}\n\n<div v-pre>\n\n${body}\n</div>\n`;
}

/**
 * A doc comment that writes "every @cannon package" reads `@cannon` as a block tag and would lose the rest
 * of its summary under a "Cannon" heading: put such text back into the summary.
 */
const proseTags = ['@cannon'];
function keepProseTags(context) {
  for (const reflection of Object.values(context.project.reflections)) {
    for (const owner of [reflection, ...(reflection.signatures ?? [])]) {
      const comment = owner.comment;
      if (!comment) continue;
      for (const tag of comment.blockTags.filter(({ tag }) => proseTags.includes(tag))) {
        comment.summary.push({ kind: 'text', text: ` ${tag.tag} ` }, ...tag.content);
      }
      comment.blockTags = comment.blockTags.filter(({ tag }) => !proseTags.includes(tag));
    }
  }
}

/** One entry point's reference, as one page in `out` (index.md): TypeDoc with typedoc-plugin-markdown. */
async function generatePage({ file, importPath }, packageDir, out) {
  const app = await Application.bootstrapWithPlugins({
    name: importPath,
    entryPoints: [file],
    entryPointStrategy: 'resolve',
    tsconfig: join(packageDir, 'tsconfig.json'),
    plugin: ['typedoc-plugin-markdown'],
    out,
    readme: 'none',
    skipErrorChecking: true,
    excludePrivate: true,
    excludeInternal: true,
    excludeExternals: true,
    blockTags: [...OptionDefaults.blockTags, ...proseTags],
    githubPages: false,
    disableSources: true,
    logLevel: LogLevel.Warn,
    // typedoc-plugin-markdown: one page per entry point, tables, no breadcrumbs (the sidebar does that).
    outputFileStrategy: 'modules',
    entryFileName: 'index',
    hidePageHeader: true,
    hideBreadcrumbs: true,
    useCodeBlocks: true,
    parametersFormat: 'table',
    interfacePropertiesFormat: 'table',
    classPropertiesFormat: 'table',
    typeDeclarationFormat: 'table',
    enumMembersFormat: 'table',
    indexFormat: 'table',
  });
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, keepProseTags);
  const project = await app.convert();
  if (!project || app.logger.hasErrors()) throw new Error(`TypeDoc could not convert ${importPath}`);
  await app.generateOutputs(project);
  for (const page of readdirSync(out, { recursive: true })) {
    if (!String(page).endsWith('.md')) continue;
    const path = join(out, String(page));
    const title = String(page) === 'index.md' ? importPath : `${importPath}: ${String(page).replace(/\/index\.md$|\.md$/, '')}`;
    writeFileSync(path, asStaticPage(readFileSync(path, 'utf8'), title));
  }
}

rmSync(apiDir, { recursive: true, force: true });
const generated = [];
for (const folder of readdirSync(packagesDir).sort()) {
  const packageDir = join(packagesDir, folder);
  const manifestFile = join(packageDir, 'package.json');
  if (!existsSync(manifestFile)) continue;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const entryPoints = sourceEntryPoints(packageDir, manifest);
  if (entryPoints.length === 0) throw new Error(`${manifest.name}: no source entry point found for its package.json exports`);
  // The main entry at api/<package>/, each other entry (the `/tensor` ones) at api/<package>/<entry>/.
  const pages = [];
  for (const entry of entryPoints) {
    const subpath = entry.importPath.slice(manifest.name.length + 1);
    await generatePage(entry, packageDir, join(apiDir, folder, subpath));
    pages.push({ importPath: entry.importPath, link: `/api/${folder}/${subpath ? `${subpath}/` : ''}`, source: relative(packageDir, entry.file) });
  }
  generated.push({ name: manifest.name, folder, pages });
}
writeFileSync(join(apiDir, 'packages.json'), `${JSON.stringify(generated, null, 2)}\n`);
console.log(`API reference: ${generated.flatMap(({ pages }) => pages.map(({ importPath }) => importPath)).join(', ')} → ${relative(site, apiDir)}/`);
