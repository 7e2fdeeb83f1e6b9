import { useState } from "react";
import { keyFromLabel } from "@runtime/schema/key-from-label";
import type { FieldKind } from "@runtime/schema/types";
import { withKind, type FieldFormValues } from "./field-form";

/** Drops one input's error: what the user changed is no longer what the message was about. */
function without(errors: Record<string, string>, ...names: string[]): Record<string, string> {
  if (!names.some((name) => name in errors)) return errors;
  const rest = { ...errors };
  for (const name of names) delete rest[name];
  return rest;
}

/**
 * The state of a field form. While `followKey` holds (a new field whose key nobody typed), the key
 * is proposed from the label as it is typed.
 */
export function useFieldForm(initial: FieldFormValues, options: { followKey?: boolean } = {}) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [followKey, setFollowKey] = useState(options.followKey ?? false);
  const set = <K extends keyof FieldFormValues>(name: K, value: FieldFormValues[K]) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => without(e, name));
  };
  const setSetting = (name: string, value: string) => {
    setValues((v) => ({ ...v, settings: { ...v.settings, [name]: value } }));
    setErrors((e) => without(e, name));
  };
  const setTitle = (title: string) => {
    setValues((v) => ({ ...v, title, key: followKey ? keyFromLabel(title) : v.key }));
    // A key that follows the label is a new key: its old error no longer applies.
    setErrors((e) => (followKey ? without(e, "title", "key") : without(e, "title")));
  };
  const setKey = (key: string) => {
    setFollowKey(false);
    set("key", key);
  };
  const setKind = (kind: FieldKind) => setValues((v) => withKind(v, kind));
  return { values, errors, setErrors, set, setSetting, setTitle, setKey, setKind };
}

export type FieldForm = ReturnType<typeof useFieldForm>;
