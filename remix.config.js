/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // Tests live beside the code; they must never become routes.
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // The runtime and the seeds are outside app/ but shape every page: rebuild when they change.
  watchPaths: ["runtime", "seeds"],
  // Node's ESM loader cannot resolve extensionless deep imports into CommonJS packages
  // (`ajv/dist/2020`), so ajv is bundled. Its own dependencies and ajv-formats come along: a bundled
  // CommonJS module cannot require an external one from an ESM build, and one copy of ajv's codegen
  // keeps ajv-formats' keywords working. Every other dependency stays external.
  serverDependenciesToBundle: [/^ajv(-formats)?(\/.*)?$/, /^(fast-deep-equal|fast-uri|json-schema-traverse|require-from-string)(\/.*)?$/],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Both change how data reaches the browser; adopt them deliberately, in their own change.
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: false,
  },
};
