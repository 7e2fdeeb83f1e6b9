import type { Knex } from "knex";
import { randomSecret } from "./passwords.server";
import { secretsFromEnv } from "./secrets";
import { getOrCreateSetting } from "./settings.server";

// Stored in the database so every instance signs alike; this only saves a query.
const secretsByDb = new WeakMap<Knex, Promise<string[]>>();

/**
 * The app's signing secrets, newest first: `SESSION_SECRET`, else one made once and kept in the
 * settings. Session cookies and unsubscribe links are signed with them (each with its own derived key).
 */
export function appSecrets(db: Knex, env: Record<string, string | undefined> = process.env): Promise<string[]> {
  const fromEnv = secretsFromEnv(env.SESSION_SECRET);
  if (fromEnv) return Promise.resolve(fromEnv);
  let secrets = secretsByDb.get(db);
  if (!secrets) {
    secrets = getOrCreateSetting(db, "session_cookie_secret", () => randomSecret(32)).then((s) => [s]);
    secretsByDb.set(db, secrets);
    secrets.catch(() => secretsByDb.delete(db));
  }
  return secrets;
}
