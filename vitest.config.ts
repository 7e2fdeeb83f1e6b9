import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (dir: string) => fileURLToPath(new URL(`./${dir}/`, import.meta.url));

/** The layers' import aliases, as tsconfig.json's `paths` declare them. */
const alias = {
  "~/": here("app"),
  "@runtime/": here("runtime"),
  "@schema-designer/": here("schema-designer"),
  "@form-designer/": here("form-designer"),
  "@print-designer/": here("print-designer"),
  "@seeds/": here("seeds"),
  "@tests/": here("tests"),
};

const shared = {
  globals: true,
  setupFiles: ["tests/setup/fail-on-console-error.ts", "tests/setup/english-messages.ts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

// Three tiers, each runnable alone (`npm run test:unit`, `test:int`, `test:e2e`); `npm test` runs all.
export default defineConfig({
  resolve: { alias },
  test: {
    // Two cores: more workers only fight over them and over MariaDB.
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      {
        resolve: { alias },
        test: {
          ...shared,
          name: "unit",
          include: ["{app,runtime,schema-designer,form-designer,print-designer,seeds,bin}/**/*.test.{ts,tsx}"],
        },
      },
      {
        resolve: { alias },
        test: { ...shared, name: "int", include: ["tests/integration/**/*.test.ts", "tests/helpers/**/*.test.ts"] },
      },
      {
        resolve: { alias },
        test: { ...shared, name: "e2e", include: ["tests/e2e/**/*.test.ts"] },
      },
    ],
  },
});
