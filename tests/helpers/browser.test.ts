import { describe, expect, it } from "vitest";
import { chromiumArgs, chromiumExecutablePath } from "./browser";

describe("chromiumExecutablePath", () => {
  it("prefers PUPPETEER_EXECUTABLE_PATH, else Debian's chromium", () => {
    expect(chromiumExecutablePath({ PUPPETEER_EXECUTABLE_PATH: "/opt/chrome/chrome" })).toBe("/opt/chrome/chrome");
    expect(chromiumExecutablePath({ PUPPETEER_EXECUTABLE_PATH: " " })).toBe("/usr/bin/chromium");
    expect(chromiumExecutablePath({})).toBe("/usr/bin/chromium");
  });
});

describe("chromiumArgs", () => {
  it("turns the sandbox off only for root", () => {
    expect(chromiumArgs(true)).toContain("--no-sandbox");
    expect(chromiumArgs(false)).not.toContain("--no-sandbox");
    expect(chromiumArgs(false)).toEqual(expect.arrayContaining(["--headless=new", "--disable-dev-shm-usage", "--no-first-run"]));
  });
});
