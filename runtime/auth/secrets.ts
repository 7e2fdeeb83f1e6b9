/** `SESSION_SECRET` may list several secrets separated by commas: the first signs, all verify (rotation). */
export function secretsFromEnv(value: string | undefined): string[] | null {
  const secrets = (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return secrets.length ? secrets : null;
}
