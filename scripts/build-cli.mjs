/**
 * Bundles the command line (bin/crm.ts) into build/crm.mjs with esbuild, so `npm run crm` starts
 * in plain Node instead of transpiling some hundred TypeScript modules on every run (3 s → under
 * 1 s). Packages stay imports of node_modules; only our own code is bundled. bin/crm.mjs runs the
 * bundle while it is newer than every source, and the TypeScript through tsx otherwise.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OWN = /^(@runtime|@seeds|~)\//;
/** `ajv/dist/2020`: a file inside a package, named without its extension as CommonJS allows. */
const DEEP = /^(@[^/]+\/)?[^/@]+\/.+/;
const outdir = path.join(root, "build");

/** Writes build/crm.mjs; run as a script (`node scripts/build-cli.mjs`, part of `npm run build`) or imported by bin/crm.mjs. */
export async function buildCli() {
  await build({
    entryPoints: [path.join(root, "bin/crm.ts")],
    outfile: path.join(outdir, "crm.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked",
    logLevel: "warning",
    // tsconfig's paths resolve our aliases; any other bare import is a package, loaded from node_modules.
    plugins: [
      {
        name: "packages-external",
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => {
            if (OWN.test(args.path) || args.path.startsWith("node:")) return undefined;
            if (!DEEP.test(args.path) || /\.[cm]?js$/.test(args.path)) return { path: args.path, external: true };
            // ESM imports need the file itself: resolved here and imported by its path from build/.
            let file;
            try {
              file = createRequire(path.join(args.resolveDir, "x.js")).resolve(args.path);
            } catch {
              return { path: args.path, external: true };
            }
            return { path: `./${path.relative(outdir, file).split(path.sep).join("/")}`, external: true };
          });
        },
      },
    ],
    // Bundled ESM has no require(); a CommonJS package imported by our code still needs one.
    banner: { js: 'import { createRequire as __tesseraRequire } from "node:module"; const require = __tesseraRequire(import.meta.url);' },
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildCli();
