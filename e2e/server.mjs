// A small static file server for the built site (dist/), used by the end-to-end tests and the
// benchmark. Loopback only. Optional extra headers (e.g. a Content-Security-Policy) per request.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/**
 * Serves `root` on 127.0.0.1 at a free port; resolves to { url, close }. `routes` answers exact
 * paths with a body (or a function of the query's parameters that makes one); `mounts` serves
 * a URL prefix (`/book/`) from another folder.
 */
export async function serve(root, { headers = {}, routes = {}, mounts = {} } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (routes[path]) {
      const { body, type = 'text/html; charset=utf-8', headers: extra = {} } = routes[path];
      res.writeHead(200, { 'content-type': type, ...headers, ...extra });
      // A function makes the body from the request's query.
      res.end(typeof body === 'function' ? body(new URL(req.url, 'http://x').searchParams) : body);
      return;
    }
    const prefix = Object.keys(mounts).find((p) => path.startsWith(p));
    const base = resolve(prefix ? mounts[prefix] : root);
    let file = normalize(join(base, prefix ? path.slice(prefix.length) : path));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    try {
      // `/page` is `/page.html` where that exists, as static hosts serve Docusaurus builds.
      if (!(await stat(file).catch(() => null)) && (await stat(`${file}.html`).catch(() => null))) file = `${file}.html`;
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...headers,
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    // Idle keep-alive connections would hold close() (and the test process) open.
    close: () => new Promise((ok) => { server.close(ok); server.closeAllConnections(); }),
  };
}
