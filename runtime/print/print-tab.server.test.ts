import { describe, expect, it } from "vitest";
import { mayUseWebFonts } from "./print-tab.server";

describe("mayUseWebFonts", () => {
  it("sees every way a document can declare a web font, however it is written", () => {
    for (const html of [
      "<style>@font-face { font-family: A; src: url(data:font/ttf;base64,AA) }</style>",
      "<style>@FONT-FACE { }</style>",
      "<style>@f\\6f nt-face { }</style>",
      "<style>@\\66 ont-face { }</style>",
      '<style>@import url("data:text/css;base64,QGZvbnQtZmFjZXt9");</style>',
      '<link rel="stylesheet" href="data:text/css;base64,QGZvbnQtZmFjZXt9">',
      '<link rel="stylesheet" href="data: TEXT/CSS,@font-face{}">',
    ])
      expect(mayUseWebFonts(html), html).toBe(true);
  });

  it("lets a document without any print at once", () => {
    for (const html of ['<style>p { color: red; content: "\\3c " }</style><p>mail@example.com</p>', "<p>10 @ 5 %</p>"])
      expect(mayUseWebFonts(html), html).toBe(false);
  });
});
