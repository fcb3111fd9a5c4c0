// Serves the built site (dist/) on 127.0.0.1 as a static host should: with the cross-origin isolation
// headers on every response, the right MIME types (application/wasm included) and VitePress's clean URLs
// (/physics → physics.html). `vitepress serve` does not send the headers, hence this small server.
//
//   PORT=4173 node scripts/preview-server.mjs      (PORT=0 picks a free port; the address is printed)
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isolationHeaders } from './isolation-headers.mjs';

export const siteRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

const mimeTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

async function fileAt(path) {
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size } : null;
  } catch {
    return null;
  }
}

/** The file a URL path names: itself, or with .html (clean URLs), or its folder's index.html. */
async function resolveFile(root, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const file = normalize(join(root, decoded));
  if (file !== root && !file.startsWith(root + sep)) return null;
  const candidates = decoded.endsWith('/') ? [join(file, 'index.html')] : [file, `${file}.html`, join(file, 'index.html')];
  for (const candidate of candidates) {
    const found = await fileAt(candidate);
    if (found && mimeTypes[extname(found.path)]) return found;
  }
  return null;
}

/**
 * Starts the server; resolves once it listens. `port` 0 picks a free one; the address is `server.url`.
 * `isolated: false` leaves out the isolation headers, as a host that does not send them would (the site must
 * still work there, on one thread).
 * @param {{ root?: string, port?: number, host?: string, isolated?: boolean, log?: (line: string) => void }} [options]
 */
export async function startPreviewServer({ root = siteRoot, port = 4173, host = '127.0.0.1', isolated = true, log = () => {} } = {}) {
  const server = createServer(async (request, response) => {
    const headers = isolated ? { ...isolationHeaders } : {};
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    let found = await resolveFile(root, pathname);
    let status = 200;
    if (!found) {
      status = 404;
      found = await fileAt(join(root, '404.html'));
    }
    log(`${status} ${request.method} ${pathname}`);
    if (!found) {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    // Hashed assets never change; pages are revalidated.
    const immutable = pathname.startsWith('/assets/');
    response.writeHead(status, {
      ...headers,
      'Content-Type': mimeTypes[extname(found.path)],
      'Content-Length': found.size,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(found.path).pipe(response);
  });
  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolveListen);
  });
  const address = server.address();
  const url = `http://${host}:${address.port}`;
  return {
    url,
    server,
    /** Stops listening and ends open connections (keep-alive sockets would hold it open). */
    close: () =>
      new Promise((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 4173);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a whole number from 0 to 65535; received ${JSON.stringify(process.env.PORT)}`);
    process.exit(2);
  }
  const preview = await startPreviewServer({ port }).catch((error) => {
    console.error(`cannot serve ${siteRoot} on 127.0.0.1:${port}: ${error.message}`);
    process.exit(1);
  });
  if (!(await fileAt(join(siteRoot, 'index.html')))) console.warn(`${siteRoot} has no index.html: build the site first (pnpm docs:build)`);
  console.log(`cannon docs: ${preview.url}/ (serving ${siteRoot}, cross-origin isolated)`);
  const stop = () => preview.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
