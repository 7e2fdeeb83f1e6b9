import { describe, expect, it } from "vitest";
import { expiringMemo } from "./expiring-memo";

/** A load that answers what `value` holds when it is called, counting its calls. */
function source(first: string) {
  const state = { value: first, loads: 0 };
  const load = async () => {
    state.loads++;
    return state.value;
  };
  return { state, load };
}

describe("expiringMemo", () => {
  it("answers from memory until the time is up, then reads again", async () => {
    const memo = expiringMemo<string, string>(5_000);
    const s = source("admin");
    expect(await memo.get("role", s.load, { now: 1_000 })).toBe("admin");
    s.state.value = "editor";
    expect(await memo.get("role", s.load, { now: 5_999 })).toBe("admin");
    expect(await memo.get("role", s.load, { now: 6_000 })).toBe("editor");
    expect(s.state.loads).toBe(2);
  });

  it("reads again when asked for a fresh value, and remembers that one", async () => {
    const memo = expiringMemo<string, string>(5_000);
    const s = source("v1");
    await memo.get("version", s.load, { now: 0 });
    s.state.value = "v2";
    expect(await memo.get("version", s.load, { now: 1, fresh: true })).toBe("v2");
    expect(await memo.get("version", s.load, { now: 2 })).toBe("v2");
    expect(s.state.loads).toBe(2);
  });

  it("forgets at once after a change", async () => {
    const memo = expiringMemo<string, string>(5_000);
    const s = source("active");
    await memo.get("token", s.load, { now: 0 });
    s.state.value = "revoked";
    memo.forget();
    expect(await memo.get("token", s.load, { now: 1 })).toBe("revoked");
  });

  it("does not keep what a load under way during a change answers", async () => {
    const memo = expiringMemo<string, string>(5_000);
    let answer!: (value: string) => void;
    // A lookup reads the token before its revocation and answers after it.
    const racing = memo.get("token", () => new Promise<string>((resolve) => (answer = resolve)), { now: 0 });
    memo.forget();
    answer("active");
    expect(await racing).toBe("active");
    const s = source("revoked");
    expect(await memo.get("token", s.load, { now: 1 })).toBe("revoked");
    expect(s.state.loads).toBe(1);
  });

  it("lets callers that miss at the same moment share one load", async () => {
    const memo = expiringMemo<string, string>(5_000);
    let answer!: (value: string) => void;
    let loads = 0;
    const load = () => {
      loads++;
      return new Promise<string>((resolve) => (answer = resolve));
    };
    const both = Promise.all([memo.get("role", load, { now: 0 }), memo.get("role", load, { now: 1 })]);
    answer("admin");
    expect(await both).toEqual(["admin", "admin"]);
    expect(loads).toBe(1);
  });

  it("does not let a caller after a change share a load that began before it", async () => {
    const memo = expiringMemo<string, string>(5_000);
    let answer!: (value: string) => void;
    const before = memo.get("token", () => new Promise<string>((resolve) => (answer = resolve)), { now: 0 });
    memo.forget();
    const after = memo.get("token", source("revoked").load, { now: 1 });
    answer("active");
    expect(await before).toBe("active");
    expect(await after).toBe("revoked");
  });

  it("keeps no value from a load that failed", async () => {
    const memo = expiringMemo<string, string>(5_000);
    await expect(memo.get("k", () => Promise.reject(new Error("database gone")), { now: 0 })).rejects.toThrow("database gone");
    expect(await memo.get("k", source("back").load, { now: 1 })).toBe("back");
  });

  it("starts over rather than grows past its size, and reads the clock it was given", async () => {
    let clock = 0;
    const memo = expiringMemo<number, number>(10, { maxEntries: 2, clock: () => clock });
    const loads: number[] = [];
    const load = (n: number) => async () => {
      loads.push(n);
      return n;
    };
    await memo.get(1, load(1));
    await memo.get(2, load(2));
    await memo.get(3, load(3));
    await memo.get(3, load(3));
    await memo.get(1, load(1));
    expect(loads).toEqual([1, 2, 3, 1]);
    clock = 10;
    await memo.get(1, load(1));
    expect(loads).toEqual([1, 2, 3, 1, 1]);
  });
});
