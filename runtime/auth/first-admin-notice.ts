/** The console box shown once when the first admin got a one-time password. */
export function firstAdminNotice(email: string, oneTimePassword: string, loginUrl: string): string {
  const lines = [
    "Tessera created the first administrator.",
    "",
    `Sign in at ${loginUrl} as ${email}`,
    `with the one-time password ${oneTimePassword}`,
    "You will be asked to choose a new one. This password is shown only once.",
    "(Set CRM_ADMIN_EMAIL and CRM_ADMIN_PASSWORD to choose them yourself.)",
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const bar = "═".repeat(width + 2);
  return [`╔${bar}╗`, ...lines.map((l) => `║ ${l.padEnd(width)} ║`), `╚${bar}╝`].join("\n");
}
