import { describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { cleanTemplateHtml, sanitizeRenderedHtml, sanitizeTemplateHtml } from "./sanitize";

// What got past the hand-written regex sanitizer (issue 14).
const HANDLER_AFTER_QUOTED_GT = `<img title="a>" onerror="alert(1)" src="data:image/png;base64,AA">`;
const ENCODED_SCRIPT_URL = `<a href="jav&#x61;script:alert(1)">pay here</a>`;
const TAG_SPLIT_BY_LIQUID = `<ifr{%if true%}{%endif%}ame src="file:///etc/passwd"></iframe>`;

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

  it("removes a handler behind a quoted > and a script URL written with an entity", () => {
    const clean = sanitizeTemplateHtml(`${HANDLER_AFTER_QUOTED_GT}${ENCODED_SCRIPT_URL}`);
    expect(clean).not.toMatch(/onerror|alert|href/);
    expect(clean).toContain('src="data:image/png;base64,AA"');
    expect(clean).toContain("pay here");
  });

  it("keeps Liquid exactly as written, in text and in attribute values", () => {
    const template = `<p class="{% if record.total > 1000 %}big{% endif %}">{% if record.total > 1000 and record.paid < 5 %}<strong>{{ record.total | money }}</strong>{% endif %}</p>
<table><tbody>{% for line in record.items %}<tr><td style="width: {{ line.width }}%">{{ line.name }}</td></tr>{% endfor %}</tbody></table>
<img src="{{ company.logo.src }}" alt="">`;
    expect(sanitizeTemplateHtml(template)).toBe(template);
  });
});

describe("cleanTemplateHtml", () => {
  it("refuses a tag split by Liquid, saying where Liquid may stand", () => {
    let error: unknown;
    try {
      cleanTemplateHtml(`<p>before</p>${TAG_SPLIT_BY_LIQUID}`, "html");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).message).toMatch(/html has Liquid inside a tag.*<ifr\{%if true%\}\{%endif%\}ame…>.*attribute values/);
  });
});

describe("sanitizeRenderedHtml", () => {
  it("removes what Liquid assembled from pieces no template showed", () => {
    const rendered = `<iframe src="file:///etc/passwd"></iframe>${HANDLER_AFTER_QUOTED_GT}${ENCODED_SCRIPT_URL}<p>text</p>`;
    const clean = sanitizeRenderedHtml(rendered);
    expect(clean).not.toMatch(/iframe|onerror|alert|href|passwd/);
    expect(clean).toContain("<p>text</p>");
  });

  it("keeps what printed forms use: tables, classes, ids, inline styles and data: images", () => {
    const html = `<table class="lines" id="i9x"><thead><tr><th class="num" colspan="2">Net</th></tr></thead><tbody><tr><td style="text-align:right;width:20%">1,00 €</td></tr></tbody></table><img src="data:image/svg+xml;base64,PHN2Zz4=" alt="Logo">`;
    expect(sanitizeRenderedHtml(html)).toBe(html);
  });
});
