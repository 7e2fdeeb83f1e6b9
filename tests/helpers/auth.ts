import type { Page } from "puppeteer";
import { TEST_ADMIN } from "./app-server";

export interface SignedIn {
  /** `tessera_session=…`, ready for a Cookie header. */
  cookie: string;
  csrfToken: string;
}

/** The Set-Cookie of the session, and the raw header for flag checks. */
export interface SignInAnswer {
  status: number;
  location: string | null;
  setCookie: string | null;
  text: string;
}

/** POSTs the login form the way a browser on this site would (with its Origin). */
export async function postLogin(
  baseUrl: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<SignInAnswer> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl, ...headers },
    body: new URLSearchParams({ email, password }).toString(),
  });
  return {
    status: response.status,
    location: response.headers.get("location"),
    setCookie: response.headers.get("set-cookie"),
    text: await response.text(),
  };
}

/** Signs in and reads the session's CSRF token from the page's meta tag. */
export async function signIn(baseUrl: string, email: string = TEST_ADMIN.email, password: string = TEST_ADMIN.password): Promise<SignedIn> {
  const answer = await postLogin(baseUrl, email, password);
  if (answer.status !== 302 || !answer.setCookie)
    throw new Error(`sign-in as ${email} failed: ${answer.status} ${answer.text.slice(0, 300)}`);
  const cookie = answer.setCookie.split(";")[0];
  const page = await (await fetch(`${baseUrl}/account/tokens`, { headers: { Cookie: cookie } })).text();
  const csrfToken = /<meta name="csrf-token" content="([^"]+)"/.exec(page)?.[1];
  if (!csrfToken) throw new Error(`no CSRF token on the page after signing in as ${email}`);
  return { cookie, csrfToken };
}

/** Headers of a same-site browser request with this session. */
export function sessionHeaders(baseUrl: string, session: SignedIn): Record<string, string> {
  return { Cookie: session.cookie, "X-CSRF-Token": session.csrfToken, Origin: baseUrl };
}

/** An API token for the user (the admin by default), created through the API. */
export async function createApiToken(baseUrl: string, session?: SignedIn, name = "tests"): Promise<string> {
  const s = session ?? (await signIn(baseUrl));
  const response = await fetch(`${baseUrl}/api/tokens`, {
    method: "POST",
    headers: { ...sessionHeaders(baseUrl, s), "Content-Type": "application/json" },
    body: JSON.stringify({ name }),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (response.status !== 201 || !body.token) throw new Error(`could not create an API token: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}

/** Signs a Chromium page in through the login form. */
export async function signInPage(
  page: Page,
  baseUrl: string,
  email: string = TEST_ADMIN.email,
  password: string = TEST_ADMIN.password,
): Promise<void> {
  await page.goto(`${baseUrl}/login`, { waitUntil: "networkidle0" });
  await page.type('input[name="email"]', email);
  await page.type('input[name="password"]', password);
  await Promise.all([page.waitForNavigation({ waitUntil: "networkidle0" }), page.click('button[type="submit"]')]);
  if (new URL(page.url()).pathname === "/login") throw new Error(`sign-in as ${email} failed in the browser`);
}
