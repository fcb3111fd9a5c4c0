// Generates the site's API reference (pages/api/<package>/) from the doc comments of every @cannon
// library with TypeDoc and typedoc-plugin-markdown. The output is gitignored: `build` and `dev` run this first.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, Converter, LogLevel, OptionDefaults } from 'typedoc';

const site = join(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = join(site, '..', '..', 'packages');
const apiDir = join(site, 'pages', 'api');

/** Every entry of a package's `exports` map (`./dist/<name>.js`), as its source file `src/<name>.ts`. */
function sourceEntryPoints(packageDir, manifest) {
  const entries = Object.values(manifest.exports ?? {})
    .map((target) => (typeof target === 'string' ? target : target?.import?.default ?? target?.default))
    .filter((target) => typeof target === 'string' && /^\.\/dist\/.+\.js$/.test(target))
    .map((target) => join(packageDir, target.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')));
  return entries.filter((file) => existsSync(file));
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

rmSync(apiDir, { recursive: true, force: true });
const generated = [];
for (const folder of readdirSync(packagesDir).sort()) {
  const packageDir = join(packagesDir, folder);
  const manifestFile = join(packageDir, 'package.json');
  if (!existsSync(manifestFile)) continue;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const entryPoints = sourceEntryPoints(packageDir, manifest);
  if (entryPoints.length === 0) throw new Error(`${manifest.name}: no source entry point found for its package.json exports`);
  const out = join(apiDir, folder);
  const app = await Application.bootstrapWithPlugins({
    name: manifest.name,
    entryPoints,
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
    // typedoc-plugin-markdown: one page per package, tables, no breadcrumbs (the sidebar does that).
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
  if (!project || app.logger.hasErrors()) throw new Error(`TypeDoc could not convert ${manifest.name}`);
  await app.generateOutputs(project);
  for (const file of readdirSync(out, { recursive: true })) {
    if (!String(file).endsWith('.md')) continue;
    const path = join(out, String(file));
    const title = String(file) === 'index.md' ? manifest.name : `${manifest.name}: ${String(file).replace(/\/index\.md$|\.md$/, '')}`;
    writeFileSync(path, asStaticPage(readFileSync(path, 'utf8'), title));
  }
  generated.push({ name: manifest.name, folder, entryPoints: entryPoints.map((file) => relative(packageDir, file)) });
}
writeFileSync(join(apiDir, 'packages.json'), `${JSON.stringify(generated, null, 2)}\n`);
console.log(`API reference: ${generated.map(({ name }) => name).join(', ')} → ${relative(site, apiDir)}/`);
