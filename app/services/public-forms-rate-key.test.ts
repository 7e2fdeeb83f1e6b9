import { describe, expect, it } from "vitest";
import { rateKey } from "./public-forms.server";

describe("whom a web form's rate limit counts", () => {
  it("counts an IPv4 address alone and an IPv6 address by its /64 network", () => {
    expect(rateKey("203.0.113.7")).toBe("203.0.113.7");
    expect(rateKey("::ffff:203.0.113.7")).toBe("::ffff:203.0.113.7");
    expect(rateKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(rateKey("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(rateKey("2001:DB8::1")).toBe("2001:db8:0:0::/64");
    expect(rateKey(null)).toBe("unknown");
  });
});
