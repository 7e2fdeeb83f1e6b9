import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

interface ManifestRoute {
  module: string;
  imports?: string[];
}

/** The JavaScript a first visit to a route downloads: entry, root and the route, with their chunks. */
export function routeJsBytes(publicDir: string, routeIds: string[]): { files: number; raw: number; gzip: number; names: string[] } {
  const buildDir = path.join(publicDir, "build");
  const manifestFile = fs.readdirSync(buildDir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!manifestFile) throw new Error("no Remix manifest in public/build: run `npx remix build` first");
  const text = fs.readFileSync(path.join(buildDir, manifestFile), "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as {
    entry: ManifestRoute;
    routes: Record<string, ManifestRoute>;
  };
  const urls = new Set<string>();
  const add = (r: ManifestRoute | undefined) => {
    if (!r) return;
    urls.add(r.module);
    for (const i of r.imports ?? []) urls.add(i);
  };
  add(manifest.entry);
  add(manifest.routes.root);
  for (const id of routeIds) {
    if (!manifest.routes[id]) throw new Error(`route ${id} is not in the manifest`);
    add(manifest.routes[id]);
  }
  let raw = 0;
  let gzip = 0;
  for (const url of urls) {
    const content = fs.readFileSync(path.join(publicDir, url));
    raw += content.byteLength;
    gzip += zlib.gzipSync(content, { level: 9 }).byteLength;
  }
  return { files: urls.size, raw, gzip, names: [...urls] };
}
