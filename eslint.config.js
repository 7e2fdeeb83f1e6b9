// The machine that keeps the style of docs/CONVENTIONS.md: correctness rules, the layers'
// boundaries (app → designers → runtime), no import cycles, and no field-kind names outside the
// kind registry. Formatting is Prettier's (`npm run format`), never a lint rule.
import js from "@eslint/js";
import importX from "eslint-plugin-import-x";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import fs from "node:fs";

/** Every field kind is a folder of runtime/fields/; its name compared with a kind is a leak. */
const KINDS = fs
  .readdirSync(new URL("./runtime/fields/", import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== "ui")
  .map((d) => d.name);
const KIND_LITERAL = `/^(${KINDS.join("|")})$/`;
/** An expression that holds a field's kind: `kind`, `f.kind`, `field["x-kind"]`, `def["x-result"]`. */
const KIND_HOLDER = [
  "Identifier[name=/^(kind|fieldKind|valueKind|resultKind)$/]",
  "MemberExpression[property.name=/^(kind)$/]",
  "MemberExpression[property.value=/^x-(kind|result)$/]",
].join(", ");
const kindComparisonMessage =
  "Behaviour by field kind belongs to the kind (runtime/fields/<kind>/): ask the registry (fieldKinds[kind].…) or a structural helper (isRelation, isFormula), never compare a kind's name.";

const layers = {
  runtime: ["./app", "./schema-designer", "./form-designer", "./print-designer", "./seeds", "./tests", "./bin", "./bench"],
  designers: ["./app", "./seeds", "./tests", "./bin", "./bench"],
};

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", "data/**", "seeds/generated/**", ".cache/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node, ...globals.browser } },
    plugins: { "import-x": importX, "react-hooks": reactHooks },
    settings: {
      // Without these, import-x parses no TypeScript dependency and finds no cycle at all.
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-self-import": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: `BinaryExpression[operator=/^[!=]==?$/]:has(> ${KIND_HOLDER}) > Literal[value=${KIND_LITERAL}]`,
          message: kindComparisonMessage,
        },
        {
          selector: `SwitchStatement:has(> ${KIND_HOLDER}.discriminant) > SwitchCase > Literal[value=${KIND_LITERAL}]`,
          message: kindComparisonMessage,
        },
      ],
    },
  },
  {
    files: ["**/*.tsx"],
    ...jsxA11y.flatConfigs.recommended,
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // The sign-in box, the search page and a new table's name are where the user types next.
      "jsx-a11y/no-autofocus": "off",
    },
  },
  // The engine imports nothing of the designers, the app, the seeds or the tests.
  {
    files: ["runtime/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}", "**/test-*.ts"],
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./runtime",
              from: layers.runtime,
              message: "runtime/ is the engine: it is handed its data, never imports app, designers or seeds.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["{schema,form,print}-designer/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}", "**/test-*.ts"],
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./schema-designer", from: [...layers.designers, "./form-designer", "./print-designer"] },
            { target: "./form-designer", from: [...layers.designers, "./schema-designer", "./print-designer"] },
            { target: "./print-designer", from: [...layers.designers, "./schema-designer", "./form-designer"] },
          ],
        },
      ],
    },
  },
  // Field kinds are declared in their folder; the registry and the kinds may name themselves.
  { files: ["runtime/fields/**"], rules: { "no-restricted-syntax": "off" } },
  // Tests may name kinds: they check what each kind does.
  { files: ["**/*.test.{ts,tsx}", "tests/**", "bench/**"], rules: { "no-restricted-syntax": "off" } },
);
