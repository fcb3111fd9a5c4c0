import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type DefaultTheme } from 'vitepress';
import { isolationHeaders } from '../scripts/isolation-headers.mjs';


/** The API pages scripts/api-reference.mjs generated (one per entry point of each package), for the sidebar. */
function apiPages(): DefaultTheme.SidebarItem[] {
  const list = fileURLToPath(new URL('../pages/api/packages.json', import.meta.url));
  if (!existsSync(list)) return [];
  const packages = JSON.parse(readFileSync(list, 'utf8')) as { name: string; pages: { importPath: string; link: string }[] }[];
  return packages.map(({ name, pages: [main, ...others] }) => ({
    text: name,
    link: main.link,
    items: others.length > 0 ? others.map(({ importPath, link }) => ({ text: importPath.slice(name.length), link })) : undefined,
  }));
}

const story: DefaultTheme.SidebarItem[] = [
  { text: 'Aim a cannon', link: '/' },
  { text: '1. The surrogate', link: '/surrogate' },
  { text: '2. The physics', link: '/physics' },
  { text: '3. Differentiable programming', link: '/differentiable-programming' },
  { text: '4. A moving target', link: '/moving-target' },
  { text: '5. The real cannon', link: '/real-cannon' },
];

export default defineConfig({
  lang: 'en',
  title: 'cannon',
  description: 'Differentiable programming in TypeScript, taught and done by aiming a cannon.',
  srcDir: 'pages',
  // Equations typeset at build time (MathJax to SVG): nothing more for the page to load.
  markdown: { math: true },
  outDir: 'dist',
  cleanUrls: true,
  lastUpdated: false,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  themeConfig: {
    logo: { src: '/favicon.svg', alt: '' },
    nav: [
      { text: 'The story', link: '/surrogate', activeMatch: '^/(surrogate|physics|differentiable-programming|moving-target|real-cannon)' },
      { text: 'Getting started', link: '/getting-started' },
      { text: 'API', link: '/reference', activeMatch: '^/(reference|api/)' },
    ],
    sidebar: [
      { text: 'The story', items: story },
      { text: 'Using it', items: [{ text: 'Getting started', link: '/getting-started' }] },
      { text: 'API reference', link: '/reference', items: apiPages() },
    ],
    outline: { level: [2, 3] },
    search: { provider: 'local' },
    docFooter: { prev: 'Previous', next: 'Next' },
    footer: { message: 'Every figure runs the @cannon libraries in your browser, on TensorFlow.js with WebAssembly.' },
  },
  vite: {
    plugins: [
      {
        // Cross-origin isolation for every response of the dev server, so that the wasm backend may use
        // threads (SharedArrayBuffer). Vite's `server.headers` misses the pages VitePress renders itself.
        name: 'cannon:cross-origin-isolation',
        configureServer(server) {
          server.middlewares.use((_request, response, next) => {
            for (const [name, value] of Object.entries(isolationHeaders)) response.setHeader(name, value);
            next();
          });
        },
      },
    ],
    // `vite preview` would send these too; the site's own preview server (scripts/preview-server.mjs) does.
    preview: { headers: isolationHeaders },
    // Module workers, so that a worker may import lazily like the page does; its assets named as the page's,
    // so that the page and the worker fetch the wasm backend from one URL (one download, one cache entry).
    worker: { format: 'es', rollupOptions: { output: { assetFileNames: 'assets/[name].[hash].[ext]' } } },
    build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  },
});
