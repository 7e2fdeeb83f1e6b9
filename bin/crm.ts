/**
 * Tessera's command line: `npm run crm -- <command>`. Works on the database in DATABASE_URL
 * (default sqlite:data/tessera.sqlite), through the same services the HTTP API uses.
 */
import fs from "node:fs";
import { ApiError } from "@runtime/errors";
import { publicStep } from "@runtime/workspace/workspace.server";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { seedDatabase } from "@runtime/seed/seed.server";
import { DEFAULT_DATABASE_URL } from "@runtime/db/connection.server";
import { copyDatabase, CopyError } from "@runtime/db/copy.server";
import type { ImportReview } from "@runtime/config-bundle/describe-import";
import { DEFAULT_CONFIGURATION } from "@seeds/default-configuration";
import { SYSTEM_ACTOR } from "@runtime/records/permissions";
import { createToken, listTokens, revokeToken } from "@runtime/auth/tokens.server";
import { addUser, findUserByEmail, listUsers, normalizeEmail, resetPassword } from "@runtime/auth/users.server";
import { languageCodes, languagePack } from "@runtime/i18n/catalogs.server";
import { languageOfEnvironment } from "@runtime/i18n/negotiate";
import { createTranslator } from "@runtime/i18n/translator";

/** The CLI speaks the shell's language (LANG), English where Tessera has no catalog for it. */
const { t } = createTranslator(languagePack(languageOfEnvironment(process.env, languageCodes())));

/** Each command as typed, with the key of what it does (`cli.usage.*`). */
const COMMANDS: [string, string][] = [
  ["schema export", "schemaExport"],
  ["schema plan FILE", "schemaPlan"],
  ["schema apply FILE [--yes]", "schemaApply"],
  ["config export FILE", "configExport"],
  ["config import FILE [--yes]", "configImport"],
  ["migrate", "migrate"],
  ["seed", "seed"],
  ["users add --email E --role R --password P [--name N]", "usersAdd"],
  ["users list", "usersList"],
  ["users reset-password --email E", "usersReset"],
  ["token create --email E [--name N]", "tokenCreate"],
  ["token list", "tokenList"],
  ["token revoke ID", "tokenRevoke"],
  ["rules run-due", "rulesRunDue"],
  ["db copy --to URL [--from URL]", "dbCopy"],
];

/** Words of `text` in lines of at most `width` characters (a text without spaces stays one line). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

function usage(): string {
  const column = 30;
  const rows = COMMANDS.map(([command, key]) => {
    const [first = "", ...more] = wrap(t(`cli.usage.${key}`), 68);
    const head = command.length < column - 2 ? `  ${command.padEnd(column - 2)}${first}` : `  ${command}\n${" ".repeat(column)}${first}`;
    return [head, ...more.map((l) => " ".repeat(column) + l)].join("\n");
  });
  return `${t("cli.usage.title")}\n\n${rows.join("\n")}\n\n${t("cli.usage.database")}`;
}

function readSchemaFile(file: string | undefined, example = "schema plan my-schema.json"): unknown {
  if (!file) throw new UsageError(t("cli.nameFile", { example }));
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new UsageError(t("cli.cannotRead", { file }));
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(t("cli.notJson", { file, detail: (error as Error).message }));
  }
}

class UsageError extends Error {}

/** `--name value` from the arguments, or undefined. */
function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith("--")) throw new UsageError(t("cli.needsValue", { name }));
  return value;
}

function requiredOption(args: string[], name: string, example: string): string {
  const value = option(args, name);
  if (value === undefined) throw new UsageError(t("cli.required", { name, example }));
  return value;
}

async function userIdByEmail(rt: Runtime, email: string): Promise<number> {
  const row = await findUserByEmail(rt.db, normalizeEmail(email));
  if (!row) throw new UsageError(t("cli.noUser", { email }));
  return Number(row.id);
}

async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  // The configuration is handed over for `seed` and for the print templates an older database lacks;
  // an empty database is filled only by `seed`.
  const rt = await createRuntime({ seed: DEFAULT_CONFIGURATION, seedOnStart: false, log: (m) => console.error(m) });
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

function printPlan(steps: { destructive: boolean; description: string }[]) {
  if (steps.length === 0) console.log(t("cli.noChanges"));
  for (const [i, s] of steps.entries())
    console.log(`${String(i + 1).padStart(3)}. ${s.destructive ? `${t("cli.destructive")} ` : ""}${s.description}`);
}

function printReview(review: ImportReview) {
  console.log(review.summary);
  if (review.schema.changed && review.schema.steps.length) printPlan(review.schema.steps);
  for (const item of [...review.layouts, ...review.views, ...review.templates, ...review.rules, ...review.home, ...review.wordTemplates])
    if (item.action !== "unchanged") console.log(`  ${(item.action === "add" ? t("cli.add") : t("cli.replace")).padEnd(8)} ${item.name}`);
}

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (command === "schema" && sub === "export") {
    return withRuntime(async (rt) => {
      const { schema } = await rt.workspace.current();
      process.stdout.write(JSON.stringify(schema, null, 2) + "\n");
      return 0;
    });
  }
  if (command === "schema" && sub === "plan") {
    const schema = readSchemaFile(rest[0]);
    return withRuntime(async (rt) => {
      const { version } = await rt.workspace.current();
      const planned = await rt.workspace.plan({ baseVersion: version, schema });
      console.log(t("cli.planFrom", { from: version, to: version + 1 }));
      printPlan(planned.plan.steps.map(publicStep));
      for (const c of planned.conversions)
        console.log(
          `\n${t("cli.wouldNotConvert", {
            count: c.total,
            field: `${c.table}.${c.field}`,
            examples: c.failures
              .slice(0, 5)
              .map((f) => `#${f.id} ${JSON.stringify(f.value)}: ${f.error}`)
              .join("; "),
          })}`,
        );
      return 0;
    });
  }
  if (command === "schema" && sub === "apply") {
    const schema = readSchemaFile(rest.find((a) => !a.startsWith("--")));
    const yes = rest.includes("--yes");
    return withRuntime(async (rt) => {
      const { version } = await rt.workspace.current();
      const result = await rt.workspace.apply({ baseVersion: version, schema, confirmDestructive: yes });
      for (const r of result.results)
        console.log(`  ${r.description} (${r.ms} ms${r.algorithm && r.algorithm !== "n/a" ? `, ALGORITHM=${r.algorithm}` : ""})`);
      console.log(t("cli.inForce", { version: result.version }));
      return 0;
    });
  }
  if (command === "config" && sub === "export") {
    const file = rest[0];
    if (!file) throw new UsageError(t("cli.nameFileToWrite"));
    return withRuntime(async (rt) => {
      const bundle = await rt.bundles.exportBundle(SYSTEM_ACTOR);
      const text = JSON.stringify(bundle, null, 2) + "\n";
      if (file === "-") process.stdout.write(text);
      else {
        fs.writeFileSync(file, text);
        console.error(
          t("cli.wrote", {
            version: bundle.source?.schemaVersion,
            layouts: bundle.layouts.length,
            views: bundle.views.length,
            templates: bundle.templates.length,
            rules: bundle.rules?.length ?? 0,
            wordTemplates: bundle.wordTemplates?.length ?? 0,
            file,
          }),
        );
      }
      return 0;
    });
  }
  if (command === "config" && sub === "import") {
    const bundle = readSchemaFile(
      rest.find((a) => !a.startsWith("--")),
      "config import tessera-config.json",
    );
    const yes = rest.includes("--yes");
    return withRuntime(async (rt) => {
      const { baseVersion, review, conversions } = await rt.bundles.review(SYSTEM_ACTOR, bundle);
      printReview(review);
      if (review.noChanges) return 0;
      for (const c of conversions) console.log(`\n${t("cli.fixFirst", { count: c.total, field: `${c.table}.${c.field}` })}`);
      if (review.needsConfirmation && !yes) {
        console.error(`\n${t("cli.nothingImported")}`);
        return 1;
      }
      const { version } = await rt.bundles.apply(SYSTEM_ACTOR, bundle, { baseVersion, confirmDestructive: yes });
      console.log(t("cli.imported", { version }));
      return 0;
    });
  }
  if (command === "migrate") {
    return withRuntime(async (rt) => {
      console.log(t("cli.ready", { database: rt.database.description, version: (await rt.workspace.current()).version }));
      return 0;
    });
  }
  if (command === "seed") {
    return withRuntime(async (rt) => {
      const { version } = await rt.workspace.current();
      if (version !== 0) {
        console.error(t("cli.notEmpty", { version }));
        return 1;
      }
      const seeded = await seedDatabase(rt, DEFAULT_CONFIGURATION);
      console.log(seeded ? t("cli.seeded", { count: seeded.records }) : t("cli.seededElsewhere"));
      return 0;
    });
  }
  if (command === "users" && sub === "add") {
    const email = requiredOption(rest, "email", "users add --email anna@example.com --role staff --password 'a long password'");
    const role = requiredOption(rest, "role", "users add --email anna@example.com --role staff --password 'a long password'");
    const password = requiredOption(rest, "password", "users add --email anna@example.com --role staff --password 'a long password'");
    return withRuntime(async (rt) => {
      const user = await addUser(rt.db, { email, role, password, name: option(rest, "name") ?? email.split("@")[0] });
      console.log(t("cli.userAdded", { name: user.name, email: user.email, id: user.id, role: user.role }));
      return 0;
    });
  }
  if (command === "users" && sub === "list") {
    return withRuntime(async (rt) => {
      for (const u of await listUsers(rt.db))
        console.log(
          `${String(u.id).padStart(4)}  ${u.email.padEnd(32)} ${u.role.padEnd(12)} ${(u.active ? t("cli.active") : t("cli.inactive")).padEnd(9)} ${t("cli.lastSignIn", { when: u.lastLoginAt ?? t("cli.never") })}  ${u.name}`,
        );
      return 0;
    });
  }
  if (command === "users" && sub === "reset-password") {
    const email = requiredOption(rest, "email", "users reset-password --email anna@example.com");
    return withRuntime(async (rt) => {
      const { oneTimePassword } = await resetPassword(rt.db, await userIdByEmail(rt, email));
      console.log(t("cli.oneTimePassword", { email, password: oneTimePassword }));
      return 0;
    });
  }
  if (command === "token" && sub === "create") {
    const email = requiredOption(rest, "email", "token create --email anna@example.com --name export");
    return withRuntime(async (rt) => {
      const { token, info } = await createToken(rt.db, await userIdByEmail(rt, email), option(rest, "name") ?? "command line");
      console.error(t("cli.tokenCreated", { id: info.id, name: info.name, email, header: "Authorization: Bearer <token>" }));
      console.log(token);
      return 0;
    });
  }
  if (command === "token" && sub === "list") {
    return withRuntime(async (rt) => {
      const emails = new Map((await listUsers(rt.db)).map((u) => [u.id, u.email]));
      for (const token of await listTokens(rt.db))
        console.log(
          `${String(token.id).padStart(4)}  ${token.prefix}…  ${(emails.get(token.userId) ?? `#${token.userId}`).padEnd(32)} ${token.name.padEnd(24)} ${t("cli.tokenDates", { created: token.createdAt, used: token.lastUsedAt ?? t("cli.never") })}${token.revokedAt ? `  ${t("cli.revokedAt", { when: token.revokedAt })}` : ""}`,
        );
      return 0;
    });
  }
  if (command === "token" && sub === "revoke") {
    const id = Number(rest[0]);
    if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError(t("cli.nameToken"));
    return withRuntime(async (rt) => {
      await revokeToken(rt.db, id);
      console.log(t("cli.revoked", { id }));
      return 0;
    });
  }
  if (command === "rules" && sub === "run-due") {
    return withRuntime(async (rt) => {
      const summary = await rt.automation.runDue();
      if (summary.busy) {
        console.log(t("cli.rulesBusy"));
        return 0;
      }
      console.log(t("cli.rulesRan", { rules: summary.rules, runs: summary.runs, failed: summary.failed }));
      for (const e of summary.errors) console.error(t("cli.ruleFailed", { rule: e.rule, message: e.message }));
      return summary.errors.length || summary.failed ? 1 : 0;
    });
  }
  if (command === "db" && sub === "copy") {
    const to = requiredOption(rest, "to", "db copy --to mysql://user:pass@127.0.0.1:3306/tessera");
    const from = option(rest, "from") ?? (process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
    const summary = await copyDatabase({ from, to, log: (line) => console.log(line) });
    console.log(
      t("cli.copied", {
        rows: summary.rows,
        tables: summary.tables.length,
        version: summary.schemaVersion,
        from: summary.from,
        to: summary.to,
        seconds: summary.seconds,
      }),
    );
    return 0;
  }
  console.error(command ? `${t("cli.unknown", { command: [command, sub].filter(Boolean).join(" ") })}\n\n${usage()}` : usage());
  return command ? 2 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError || error instanceof CopyError) console.error(error.message);
    else if (error instanceof ApiError) {
      console.error(error.message);
      const details = error.details as
        { problems?: { path: string; message: string }[]; steps?: { description: string; destructive: boolean }[] } | undefined;
      for (const p of details?.problems ?? []) console.error(`  ${p.path}: ${p.message}`);
      if (details?.steps) printPlan(details.steps);
      if (error.status === 409 && details?.steps) console.error(`\n${t("cli.confirmWithYes")}`);
    } else console.error(error);
    process.exit(1);
  },
);
