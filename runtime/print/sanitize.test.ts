import { describe, expect, it } from "vitest";
import { sanitizeTemplateHtml } from "./sanitize";

describe("sanitizeTemplateHtml", () => {
  it("removes scripts, frames, handlers and script URLs but keeps the layout and Liquid", () => {
    const dirty = `<div class="a" onclick="x()" onmouseover='y'>{{ record.number }}<script>document.write(7*7)</script>
<iframe src="file:///etc/passwd"></iframe><a href="javascript:alert(1)">l</a><img src="data:image/png;base64,AA" onerror=alert(1)>
<link rel="stylesheet" href="http://x/"><object data="x"></object></div>`;
    const clean = sanitizeTemplateHtml(dirty);
    expect(clean).not.toMatch(/script|iframe|onclick|onmouseover|onerror|javascript:|<link|<object/i);
    expect(clean).toContain('<div class="a">{{ record.number }}');
    expect(clean).toContain('src="data:image/png;base64,AA"');
  });
});
