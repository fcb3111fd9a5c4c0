// The preview server is the site's reference static host: isolation headers on every response, the right
// MIME types, VitePress's clean URLs, nothing outside the site, and only on 127.0.0.1.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolationHeaders } from '../scripts/isolation-headers.mjs';
import { startPreviewServer, type PreviewServer } from '../scripts/preview-server.mjs';

describe('the preview server', () => {
  const parent = mkdtempSync(join(tmpdir(), 'cannon-site-'));
  const root = join(parent, 'site');
  let server: PreviewServer;

  beforeAll(async () => {
    mkdirSync(join(root, 'assets'), { recursive: true });
    mkdirSync(join(root, 'api', 'physics'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>home</title>');
    writeFileSync(join(root, 'physics.html'), '<!doctype html><title>physics</title>');
    writeFileSync(join(root, 'api', 'physics', 'index.html'), '<!doctype html><title>api</title>');
    writeFileSync(join(root, '404.html'), '<!doctype html><title>not found</title>');
    writeFileSync(join(root, 'assets', 'backend.wasm'), new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
    writeFileSync(join(parent, 'outside-the-site.html'), 'secret');
    server = await startPreviewServer({ root, port: 0 });
  });

  afterAll(async () => {
    await server.close();
    rmSync(parent, { recursive: true, force: true });
  });

  const get = (path: string) => fetch(`${server.url}${path}`);

  it('listens on 127.0.0.1 on the port it was given (0: a free one)', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('sends the cross-origin isolation headers with every response, found or not', async () => {
    for (const path of ['/', '/assets/backend.wasm', '/no-such-page']) {
      const response = await get(path);
      for (const [name, value] of Object.entries(isolationHeaders)) expect(response.headers.get(name), `${name} on ${path}`).toBe(value);
    }
  });

  it('leaves the isolation headers out when asked to (isolated: false), as a plain static host does', async () => {
    const plain = await startPreviewServer({ root, port: 0, isolated: false });
    try {
      const response = await fetch(`${plain.url}/`);
      expect(response.status).toBe(200);
      for (const name of Object.keys(isolationHeaders)) expect(response.headers.get(name), name).toBeNull();
    } finally {
      await plain.close();
    }
  });

  it('serves wasm as application/wasm, scripts as JavaScript and pages as HTML', async () => {
    expect((await get('/assets/backend.wasm')).headers.get('content-type')).toBe('application/wasm');
    expect((await get('/assets/app.js')).headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await get('/')).headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('resolves clean URLs to their pages', async () => {
    expect(await (await get('/physics')).text()).toContain('<title>physics');
    expect(await (await get('/api/physics/')).text()).toContain('<title>api');
  });

  it('answers 404 with the site’s own page for what is not there, and never serves a file outside the site', async () => {
    const missing = await get('/no-such-page');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<title>not found');
    for (const path of ['/../outside-the-site.html', '/%2e%2e/outside-the-site.html', '/..%2foutside-the-site.html']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('secret');
    }
  });
});
