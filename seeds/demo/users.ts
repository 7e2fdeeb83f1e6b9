/** The three demo users, one per role, that demo records point at as `crm_users/<ref>`. */
import { makeUser, type UserSeed } from "../factories";

export type DemoUserRef = "anna" | "ben" | "chloe";

export const DEMO_USERS: Record<DemoUserRef, UserSeed> = {
  anna: makeUser({ name: "Anna Keane", email: "anna@tessera-demo.ie", role: "admin", active: true }, 1),
  ben: makeUser({ name: "Ben Doyle", email: "ben@tessera-demo.ie", role: "staff", active: true }, 2),
  chloe: makeUser({ name: "Chloe Walsh", email: "chloe@tessera-demo.ie", role: "accountant", active: true }, 3),
};
