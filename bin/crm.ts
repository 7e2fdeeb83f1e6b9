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

const USAGE = `Usage: npm run crm -- <command>

  schema export               print the current workspace schema (JSON Schema) to stdout
  schema plan FILE            show the migration plan from the current schema to FILE
  schema apply FILE [--yes]   apply FILE; --yes confirms steps that remove or convert data
  config export FILE          write the configuration bundle (schema, card layouts, shared views,
                              print templates) to FILE ("-" for stdout)
  config import FILE [--yes]  review the bundle in FILE and apply it; --yes confirms steps that
                              remove or convert data
  migrate                     create Tessera's tables and finish an interrupted migration
  seed                        load the default configuration and demo records into an empty database

  users add --email E --role R --password P [--name N]
                              add a user (roles: admin, staff, accountant, or one an admin added)
  users list                  list the users with role, status and last sign-in
  users reset-password --email E
                              give the user a one-time password (printed once) to change at sign-in
  token create --email E [--name N]
                              create an API token for the user and print it (shown only once);
                              send it as "Authorization: Bearer <token>"
  token list                  list every API token (never the token itself)
  token revoke ID             revoke a token at once

  rules run-due               run the date and schedule rules that are due now (the app server's
                              workers do this every 30 s; use it where they are off)

  db copy --to URL [--from URL]
                              copy the whole workspace (schema, configuration, records, files,
                              trash, audit and history) into the empty database URL, e.g. from
                              SQLite to mysql://user:pass@host:3306/tessera or back; --from
                              defaults to DATABASE_URL. Stop the app first.

The database is DATABASE_URL (default sqlite:data/tessera.sqlite).`;

function readSchemaFile(file: string | undefined, example = "schema plan my-schema.json"): unknown {
  if (!file) throw new UsageError(`name the file, e.g. npm run crm -- ${example}`);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

class UsageError extends Error {}

/** `--name value` from the arguments, or undefined. */
function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value`);
  return value;
}

function requiredOption(args: string[], name: string, example: string): string {
  const value = option(args, name);
  if (value === undefined) throw new UsageError(`--${name} is required, e.g. npm run crm -- ${example}`);
  return value;
}

async function userIdByEmail(rt: Runtime, email: string): Promise<number> {
  const row = await findUserByEmail(rt.db, normalizeEmail(email));
  if (!row) throw new UsageError(`there is no user with the email ${email} (npm run crm -- users list)`);
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
  if (steps.length === 0) console.log("No database changes: only labels or settings differ.");
  for (const [i, s] of steps.entries())
    console.log(`${String(i + 1).padStart(3)}. ${s.destructive ? "[removes or converts data] " : ""}${s.description}`);
}

function printReview(review: ImportReview) {
  console.log(review.summary);
  if (review.schema.changed && review.schema.steps.length) printPlan(review.schema.steps);
  for (const item of [...review.layouts, ...review.views, ...review.templates, ...review.rules, ...review.home, ...review.wordTemplates])
    if (item.action !== "unchanged") console.log(`  ${item.action === "add" ? "add    " : "replace"}  ${item.name}`);
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
      console.log(`Plan from version ${version} to ${version + 1}:`);
      printPlan(planned.plan.steps.map(publicStep));
      for (const c of planned.conversions)
        console.log(
          `\n${c.total} value(s) of ${c.table}.${c.field} would not convert, e.g. ${c.failures
            .slice(0, 5)
            .map((f) => `#${f.id} ${JSON.stringify(f.value)}: ${f.error}`)
            .join("; ")}`,
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
      console.log(`Schema version ${result.version} is now in force.`);
      return 0;
    });
  }
  if (command === "config" && sub === "export") {
    const file = rest[0];
    if (!file) throw new UsageError("name the file to write, e.g. npm run crm -- config export tessera-config.json (or - for stdout)");
    return withRuntime(async (rt) => {
      const bundle = await rt.bundles.exportBundle(SYSTEM_ACTOR);
      const text = JSON.stringify(bundle, null, 2) + "\n";
      if (file === "-") process.stdout.write(text);
      else {
        fs.writeFileSync(file, text);
        console.error(
          `Wrote schema version ${bundle.source?.schemaVersion}, ${bundle.layouts.length} card layout(s), ${bundle.views.length} shared view(s), ${bundle.templates.length} print template(s), ${bundle.rules?.length ?? 0} rule(s) and ${bundle.wordTemplates?.length ?? 0} Word template(s) to ${file}.`,
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
      for (const c of conversions) console.log(`\n${c.total} value(s) of ${c.table}.${c.field} would not convert; fix them first.`);
      if (review.needsConfirmation && !yes) {
        console.error("\nNothing was imported. Run again with --yes to confirm the steps that remove or convert data.");
        return 1;
      }
      const { version } = await rt.bundles.apply(SYSTEM_ACTOR, bundle, { baseVersion, confirmDestructive: yes });
      console.log(`Imported. Schema version ${version} is in force.`);
      return 0;
    });
  }
  if (command === "migrate") {
    return withRuntime(async (rt) => {
      console.log(`Database ready: ${rt.database.description}, schema version ${(await rt.workspace.current()).version}.`);
      return 0;
    });
  }
  if (command === "seed") {
    return withRuntime(async (rt) => {
      const { version } = await rt.workspace.current();
      if (version !== 0) {
        console.error(`The database already has schema version ${version}: seed only fills an empty database.`);
        return 1;
      }
      const seeded = await seedDatabase(rt, DEFAULT_CONFIGURATION);
      console.log(
        seeded ? `Loaded the default configuration and ${seeded.records} demo records.` : "Another process seeded the database first.",
      );
      return 0;
    });
  }
  if (command === "users" && sub === "add") {
    const email = requiredOption(rest, "email", "users add --email anna@example.com --role staff --password 'a long password'");
    const role = requiredOption(rest, "role", "users add --email anna@example.com --role staff --password 'a long password'");
    const password = requiredOption(rest, "password", "users add --email anna@example.com --role staff --password 'a long password'");
    return withRuntime(async (rt) => {
      const user = await addUser(rt.db, { email, role, password, name: option(rest, "name") ?? email.split("@")[0] });
      console.log(`Added ${user.name} <${user.email}> (#${user.id}) with the role ${user.role}.`);
      return 0;
    });
  }
  if (command === "users" && sub === "list") {
    return withRuntime(async (rt) => {
      for (const u of await listUsers(rt.db))
        console.log(
          `${String(u.id).padStart(4)}  ${u.email.padEnd(32)} ${u.role.padEnd(12)} ${(u.active ? "active" : "inactive").padEnd(9)} last sign-in ${u.lastLoginAt ?? "never"}  ${u.name}`,
        );
      return 0;
    });
  }
  if (command === "users" && sub === "reset-password") {
    const email = requiredOption(rest, "email", "users reset-password --email anna@example.com");
    return withRuntime(async (rt) => {
      const { oneTimePassword } = await resetPassword(rt.db, await userIdByEmail(rt, email));
      console.log(`One-time password for ${email}: ${oneTimePassword}\nThey will be asked to choose their own at the next sign-in.`);
      return 0;
    });
  }
  if (command === "token" && sub === "create") {
    const email = requiredOption(rest, "email", "token create --email anna@example.com --name export");
    return withRuntime(async (rt) => {
      const { token, info } = await createToken(rt.db, await userIdByEmail(rt, email), option(rest, "name") ?? "command line");
      console.error(
        `Created API token #${info.id} "${info.name}" for ${email}. It is shown only once; send it as "Authorization: Bearer <token>".`,
      );
      console.log(token);
      return 0;
    });
  }
  if (command === "token" && sub === "list") {
    return withRuntime(async (rt) => {
      const emails = new Map((await listUsers(rt.db)).map((u) => [u.id, u.email]));
      for (const t of await listTokens(rt.db))
        console.log(
          `${String(t.id).padStart(4)}  ${t.prefix}…  ${(emails.get(t.userId) ?? `user #${t.userId}`).padEnd(32)} ${t.name.padEnd(24)} created ${t.createdAt}  last used ${t.lastUsedAt ?? "never"}${t.revokedAt ? `  REVOKED ${t.revokedAt}` : ""}`,
        );
      return 0;
    });
  }
  if (command === "token" && sub === "revoke") {
    const id = Number(rest[0]);
    if (!Number.isSafeInteger(id) || id <= 0)
      throw new UsageError("name the token id, e.g. npm run crm -- token revoke 3 (see token list)");
    return withRuntime(async (rt) => {
      await revokeToken(rt.db, id);
      console.log(`Revoked API token #${id}.`);
      return 0;
    });
  }
  if (command === "rules" && sub === "run-due") {
    return withRuntime(async (rt) => {
      const summary = await rt.automation.runDue();
      if (summary.busy) {
        console.log("Another instance is running the due rules now; nothing was done here.");
        return 0;
      }
      console.log(`${summary.rules} rule(s) were due: ${summary.runs} run(s), ${summary.failed} failed (each is retried by a job).`);
      for (const e of summary.errors) console.error(`Rule "${e.rule}" could not run: ${e.message}`);
      return summary.errors.length || summary.failed ? 1 : 0;
    });
  }
  if (command === "db" && sub === "copy") {
    const to = requiredOption(rest, "to", "db copy --to mysql://user:pass@127.0.0.1:3306/tessera");
    const from = option(rest, "from") ?? (process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
    const summary = await copyDatabase({ from, to, log: (line) => console.log(line) });
    console.log(
      `Copied ${summary.rows} row(s) in ${summary.tables.length} table(s) at schema version ${summary.schemaVersion} from ${summary.from} to ${summary.to} in ${summary.seconds} s; every table's row count matches.`,
    );
    return 0;
  }
  console.error(command ? `Unknown command "${[command, sub].filter(Boolean).join(" ")}".\n\n${USAGE}` : USAGE);
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
      if (error.status === 409 && details?.steps) console.error("\nRun again with --yes to confirm.");
    } else console.error(error);
    process.exit(1);
  },
);
