// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { useState } from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { FieldSchema } from "../../schema/types";
import { fieldUis } from "../ui-registry";
import { compiledField, widgetProps } from "./test-fields";
import i18next from "i18next";
import { I18nextProvider } from "react-i18next";
import sv from "../../../locales/sv.json";

const uploads: { field: string[]; name: string; type: string; size: number }[] = [];
const server = setupServer(
  http.post("*/api/files", async ({ request }) => {
    const form = await request.formData();
    const file = form.get("file") as File;
    uploads.push({ field: [...form.keys()], name: file.name, type: file.type, size: file.size });
    return HttpResponse.json({ id: "up1", name: file.name, size: file.size, type: file.type }, { status: 201 });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  uploads.length = 0;
});
afterAll(() => server.close());

function Upload(props: { def: FieldSchema; initial?: unknown; onChange: (v: unknown) => void }) {
  const [value, setValue] = useState<unknown>(props.initial ?? null);
  const field = compiledField("doc", props.def);
  const { Widget } = fieldUis[props.def["x-kind"]];
  return (
    <form>
      <Widget
        {...widgetProps(field)}
        value={value}
        onChange={(v) => {
          setValue(v);
          props.onChange(v);
        }}
      />
    </form>
  );
}

const fileDef: FieldSchema = { type: "object", "x-id": "f_doc", "x-kind": "file", "x-accept": "application/pdf", "x-max-size": 2048 };
const posted = () => (document.querySelector("input[type=hidden][name=doc]") as HTMLInputElement).value;

describe("file input", () => {
  /**
   * Under jsdom, Node's fetch cannot stream a multipart body built from jsdom's FormData/File (the
   * request never ends), so this one test looks at what the widget hands to fetch instead of going
   * through msw: a FormData body is what makes a browser send multipart/form-data.
   */
  it("uploads the chosen file as multipart and takes the stored file as its value", async () => {
    const onChange = vi.fn();
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockImplementation(async (_url, init) => {
      const file = (init?.body as FormData).get("file") as File;
      uploads.push({ field: [...(init?.body as FormData).keys()], name: file.name, type: file.type, size: file.size });
      return Response.json({ id: "up1", name: file.name, size: file.size, type: file.type }, { status: 201 });
    });
    try {
      render(<Upload def={fileDef} onChange={onChange} />);
      const input = document.getElementById("f-doc") as HTMLInputElement;
      expect(input.type).toBe("file");
      expect(input.accept).toBe("application/pdf");
      const pdf = new File(["%PDF-1.7 hello"], "contract.pdf", { type: "application/pdf" });
      fireEvent.change(input, { target: { files: [pdf] } });
      await waitFor(() => expect(onChange).toHaveBeenCalled());
      const [url, init] = fetchSpy.mock.calls[0];
      expect(String(url)).toMatch(/\/api\/files$/);
      expect(init?.method).toBe("POST");
      expect(init?.body).toBeInstanceOf(FormData);
      expect(init?.headers).toBeUndefined(); // the browser sets the multipart boundary itself
      expect(uploads).toEqual([{ field: ["file"], name: "contract.pdf", type: "application/pdf", size: pdf.size }]);
      const value = { id: "up1", name: "contract.pdf", size: pdf.size, type: "application/pdf" };
      expect(onChange).toHaveBeenLastCalledWith(value);
      expect(JSON.parse(posted())).toEqual(value);
      expect(screen.getByRole("link", { name: "contract.pdf" }).getAttribute("href")).toBe("/api/files/up1");
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it("refuses a file over x-max-size before uploading anything", async () => {
    const onChange = vi.fn();
    render(<Upload def={fileDef} onChange={onChange} />);
    const big = new File([new Uint8Array(4096)], "big.pdf", { type: "application/pdf" });
    fireEvent.change(document.getElementById("f-doc")!, { target: { files: [big] } });
    expect((await screen.findByRole("alert")).textContent).toMatch(/“big.pdf” is 4 KB; files can be at most 2 KB/);
    expect(uploads).toEqual([]);
    expect(onChange).not.toHaveBeenCalled();
  });

  it("says the server's refusal in the reader's language", async () => {
    const swedish = i18next.createInstance();
    void swedish.init({ lng: "sv", resources: { sv: { translation: sv } }, initAsync: false, interpolation: { escapeValue: false } });
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockImplementation(async () =>
      Response.json(
        {
          error: "the file is larger than the limit of 2 KB",
          words: { key: "refusals.files.tooLarge", values: { limit: "2 KB" } },
        },
        { status: 413 },
      ),
    );
    try {
      render(
        <I18nextProvider i18n={swedish}>
          <Upload def={fileDef} onChange={() => undefined} />
        </I18nextProvider>,
      );
      const pdf = new File(["%PDF"], "small.pdf", { type: "application/pdf" });
      fireEvent.change(document.getElementById("f-doc")!, { target: { files: [pdf] } });
      expect((await screen.findByRole("alert")).textContent).toBe("Uppladdningen misslyckades: filen är större än gränsen på 2 KB");
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it("removes the current file", () => {
    const onChange = vi.fn();
    render(<Upload def={fileDef} initial={{ id: "a1", name: "old.pdf", size: 1536, type: "application/pdf" }} onChange={onChange} />);
    expect(screen.getByText("1.5 KB")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Remove" }));
    expect(onChange).toHaveBeenLastCalledWith(null);
    expect(posted()).toBe("");
  });

  it("shows an image's thumbnail and opens the webcam, releasing it on close", async () => {
    const stop = vi.fn();
    const getUserMedia = vi.fn(async () => ({ getTracks: () => [{ stop }] }) as unknown as MediaStream);
    Object.defineProperty(navigator, "mediaDevices", { value: { getUserMedia }, configurable: true });
    const play = vi.spyOn(HTMLMediaElement.prototype, "play").mockResolvedValue(undefined);
    try {
      const imageDef: FieldSchema = { type: "object", "x-id": "f_logo", "x-kind": "image" };
      render(<Upload def={imageDef} initial={{ id: "img1", name: "logo.png", size: 10, type: "image/png" }} onChange={() => undefined} />);
      expect(document.querySelector("img.tf-file__thumb")?.getAttribute("src")).toBe("/api/files/img1");
      fireEvent.click(await screen.findByRole("button", { name: "Take photo" }));
      await waitFor(() => expect(getUserMedia).toHaveBeenCalled());
      await waitFor(() => expect(play).toHaveBeenCalled());
      expect(document.querySelector("dialog video")).not.toBeNull();
      fireEvent.click(screen.getByRole("button", { name: "Cancel", hidden: true }));
      expect(stop).toHaveBeenCalled();
      expect(document.querySelector("dialog")).toBeNull();
    } finally {
      play.mockRestore();
      Reflect.deleteProperty(navigator, "mediaDevices");
    }
  });
});
