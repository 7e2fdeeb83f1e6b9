// @vitest-environment jsdom
import { cleanup, renderHook, waitFor } from "@testing-library/react";
import grapesjs, { type EditorConfig } from "grapesjs";
import i18next from "i18next";
import { afterEach, describe, expect, it, vi } from "vitest";
import { companyImageOptions, fieldPathOptions, lineListOptions } from "@print-designer/field-paths";
import { defaultCompiled } from "@print-designer/test-support";
import { DEFAULT_PRINT_TEMPLATES } from "@seeds/print-templates";
import { usePrintEditor, type PrintEditorSetup } from "./use-print-editor";

afterEach(cleanup);

const [invoice, contract] = DEFAULT_PRINT_TEMPLATES;
const box = () => ({ current: document.createElement("div") });
const targets = { canvas: box(), traits: box(), styles: box(), layers: box() };
// The English catalog the unit tests load (tests/setup/english-messages.ts).
const words = (key: string, values?: Record<string, unknown>) => i18next.t(key, values ?? {});
const schemaOf = (table: string) => ({
  fieldOptions: fieldPathOptions(defaultCompiled, table),
  lineLists: lineListOptions(defaultCompiled, table),
  imageOptions: companyImageOptions(defaultCompiled),
});

describe("the print designer's editor", () => {
  it("is made once per opened template, whatever else a render brings", async () => {
    const init = vi.fn((config: EditorConfig) => grapesjs.init({ ...config, headless: true }));
    const loadGrapes = () => Promise.resolve({ init, usePlugin: grapesjs.usePlugin });
    // Every render of the screen brings new callbacks and, from the loader, a new schema object.
    const setup = (template: PrintEditorSetup["template"]): PrintEditorSetup => ({
      template,
      schema: schemaOf(template.table),
      loadGrapes,
      targets,
      words,
      onChange: () => undefined,
      onSelect: () => undefined,
      onDeselect: () => undefined,
    });
    const { result, rerender } = renderHook((props: PrintEditorSetup) => usePrintEditor(props), { initialProps: setup(invoice) });
    await waitFor(() => expect(result.current.editor).not.toBeNull());
    const first = result.current.editor!;
    rerender(setup(invoice));
    rerender(setup(invoice));
    expect(init).toHaveBeenCalledTimes(1);
    expect(result.current.editor).toBe(first);

    const destroyed = vi.spyOn(first, "destroy");
    rerender(setup(contract));
    await waitFor(() => expect(result.current.editor).not.toBe(first));
    expect(init).toHaveBeenCalledTimes(2);
    expect(destroyed).toHaveBeenCalledTimes(1);
    expect(result.current.editor!.getHtml()).toContain("print.servicesAndPrices");
  });

  it("says so when GrapesJS cannot be loaded", async () => {
    const { result } = renderHook(() =>
      usePrintEditor({
        template: invoice,
        schema: schemaOf("invoices"),
        loadGrapes: () => Promise.reject(new Error("offline")),
        targets,
        words,
        onChange: () => undefined,
        onSelect: () => undefined,
        onDeselect: () => undefined,
      }),
    );
    await waitFor(() => expect(result.current.loadError).toBe("The designer could not start: offline. Reload the page to try again."));
    expect(result.current.editor).toBeNull();
  });
});
