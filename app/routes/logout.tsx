import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOut } from "../services/auth.server";

/** Signing out is a POST (a link or an image could not end a session); a GET just goes home. */
export const loader = () => redirect("/");

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/login", { headers: { "Set-Cookie": await signOut(request) } });
}
