import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface StaticAsset {
  type: string;
  body: Uint8Array;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
};

/**
 * The libraries the UI loads, from the installed packages (served from here, never from a CDN):
 * URL path → [package, file in the folder of the package's main entry].
 */
const VENDOR: Record<string, [pkg: string, file: string]> = {
  '/vendor/cytoscape.js': ['cytoscape', 'cytoscape.esm.min.mjs'],
  '/vendor/uplot.js': ['uplot', 'uPlot.esm.js'],
  '/vendor/uplot.css': ['uplot', 'uPlot.min.css'],
};

function vendorFile(pkg: string, file: string): string | null {
  try {
    return path.join(path.dirname(createRequire(import.meta.url).resolve(pkg)), file);
  } catch {
    return null; // not installed: the page that needs it says so
  }
}

/** web/ of the package: this file is dist/src/server/static.js (or src/server/static.ts). */
export function defaultWebRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../../web'), path.resolve(here, '../../web')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? candidates[0]!;
}

/**
 * Reads the UI into memory once, keyed by URL path: `/` and `/index.html`, `/style.css`,
 * `/dist/<name>.js`. Requests are answered from this map only; no request path is ever
 * joined to a disk path.
 */
export function loadStaticAssets(webRoot: string): Map<string, StaticAsset> {
  const assets = new Map<string, StaticAsset>();
  const add = (urlPath: string, file: string): void => {
    if (!existsSync(file)) return;
    assets.set(urlPath, { type: TYPES[path.extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
  };
  add('/index.html', path.join(webRoot, 'index.html'));
  const index = assets.get('/index.html');
  if (index) assets.set('/', index);
  add('/style.css', path.join(webRoot, 'style.css'));
  for (const [urlPath, [pkg, file]] of Object.entries(VENDOR)) {
    const found = vendorFile(pkg, file);
    if (found) add(urlPath, found);
  }
  const distDir = path.join(webRoot, 'dist');
  if (existsSync(distDir)) {
    for (const name of readdirSync(distDir)) {
      if (/^[\w.-]+\.js$/.test(name)) add(`/dist/${name}`, path.join(distDir, name));
    }
  }
  return assets;
}
