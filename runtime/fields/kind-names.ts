import { FIELD_KINDS } from "../schema/types";
import { fieldKinds } from "./registry";

/** Each kind's name as `locales/en.json` holds it (`fieldKinds.<kind>`): the registry's label. */
export const KIND_NAMES_ENGLISH: Readonly<Record<string, string>> = Object.fromEntries(
  FIELD_KINDS.map((kind) => [`fieldKinds.${kind}`, fieldKinds[kind].label]),
);
