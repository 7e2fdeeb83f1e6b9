// @vitest-environment jsdom
import { act, renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { seedSchema } from "@schema-designer/test-schema";
import { useSchemaDraft } from "./use-schema-draft";

const KEY = "tessera.schema-designer.draft";
afterEach(() => window.sessionStorage.clear());

describe("useSchemaDraft", () => {
  it("keeps every edit of one event, in order, and stores the draft for a reload", () => {
    const loaded = { version: 3, schema: seedSchema() };
    const { result } = renderHook(() => useSchemaDraft(loaded));
    act(() => {
      expect(result.current.edit({ op: "setFieldLabel", table: "clients", field: "phone", labels: { title: "Mobile phone" } })).toBeNull();
      expect(result.current.edit({ op: "setRequired", table: "clients", field: "phone", required: true })).toBeNull();
    });
    expect(result.current.ops.map((o) => o.op)).toEqual(["setFieldLabel", "setRequired"]);
    expect(result.current.schema.$defs.clients.properties.phone.title).toBe("Mobile phone");
    expect(result.current.schema.$defs.clients.required).toContain("phone");
    expect(JSON.parse(window.sessionStorage.getItem(KEY) ?? "null")).toEqual({ baseVersion: 3, ops: result.current.ops });

    const reloaded = renderHook(() => useSchemaDraft(loaded));
    expect(reloaded.result.current.ops).toHaveLength(2);
    expect(reloaded.result.current.storedBaseVersion).toBeNull();
  });

  it("answers an edit that does not apply with the operation's message and keeps the draft as it was", () => {
    const loaded = { version: 1, schema: seedSchema() };
    const { result } = renderHook(() => useSchemaDraft(loaded));
    let error: string | null = null;
    act(() => {
      error = result.current.edit({ op: "renameFieldKey", table: "clients", field: "phone", newKey: "email" });
    });
    expect(error).toMatch(/already has a field "email"/);
    expect(result.current.ops).toEqual([]);
  });

  it("marks a stored draft of an older version, and discarding clears it everywhere", () => {
    window.sessionStorage.setItem(
      KEY,
      JSON.stringify({ baseVersion: 2, ops: [{ op: "setFieldLabel", table: "clients", field: "notes", labels: { title: "Remarks" } }] }),
    );
    const loaded = { version: 5, schema: seedSchema() };
    const { result } = renderHook(() => useSchemaDraft(loaded));
    expect(result.current.storedBaseVersion).toBe(2);
    // The apply must be refused as stale (409), so the old base version is what gets sent.
    expect(result.current.baseVersion).toBe(2);
    act(() => result.current.discard());
    expect(result.current.ops).toEqual([]);
    expect(window.sessionStorage.getItem(KEY)).toBeNull();
  });
});
