// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FieldSchema } from "../../schema/types";
import { fieldUis } from "../ui-registry";
import { appendDictated } from "../ui/dictation";
import { compiledField, widgetProps } from "../ui/test-fields";

const NOTES: FieldSchema = { type: "string", "x-id": "f_notes", "x-kind": "longtext", title: "Notes" };

/** A long-text field held in state, as a card holds it. */
function Notes(props: { initial: string | null; onChange(v: unknown): void }) {
  const [value, setValue] = useState<unknown>(props.initial);
  const { Widget } = fieldUis.longtext;
  return (
    <Widget
      {...widgetProps(compiledField("notes", NOTES))}
      value={value}
      onChange={(v) => {
        setValue(v);
        props.onChange(v);
      }}
    />
  );
}

/** A stand-in for the browser's recognizer: the test says what was "heard". */
class FakeRecognition {
  static last: FakeRecognition | null = null;
  lang = "";
  continuous = true;
  interimResults = true;
  started = false;
  onresult: ((event: unknown) => void) | null = null;
  onerror: ((event: { error: string }) => void) | null = null;
  onend: (() => void) | null = null;
  constructor() {
    FakeRecognition.last = this;
  }
  start() {
    this.started = true;
  }
  stop() {
    this.onend?.();
  }
  hear(transcript: string) {
    const result = Object.assign([{ transcript }], { isFinal: true });
    this.onresult?.({ resultIndex: 0, results: [result] });
    this.onend?.();
  }
}

afterEach(() => {
  delete (window as { webkitSpeechRecognition?: unknown }).webkitSpeechRecognition;
  FakeRecognition.last = null;
});

describe("dictating into a long-text field", () => {
  it("offers a microphone where the browser recognises speech, and adds what was heard to the text", () => {
    (window as { webkitSpeechRecognition?: unknown }).webkitSpeechRecognition = FakeRecognition;
    const onChange = vi.fn();
    render(<Notes initial="Called Ada." onChange={onChange} />);
    const mic = screen.getByRole("button", { name: "Dictate into Notes" });
    expect(mic.getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(mic);
    const recognizer = FakeRecognition.last!;
    expect(recognizer.started).toBe(true);
    expect(recognizer.interimResults).toBe(false);
    expect(screen.getByRole("button", { name: "Stop dictating into Notes" }).getAttribute("aria-pressed")).toBe("true");
    act(() => recognizer.hear("She wants a quote by Friday"));
    expect(onChange).toHaveBeenLastCalledWith("Called Ada. She wants a quote by Friday");
    expect((document.getElementById("f-notes") as HTMLTextAreaElement).value).toBe("Called Ada. She wants a quote by Friday");
    expect(screen.getByRole("button", { name: "Dictate into Notes" })).toBeTruthy();
  });

  it("says why when the microphone is refused", () => {
    (window as { webkitSpeechRecognition?: unknown }).webkitSpeechRecognition = FakeRecognition;
    render(<Notes initial={null} onChange={() => undefined} />);
    fireEvent.click(screen.getByRole("button", { name: "Dictate into Notes" }));
    act(() => FakeRecognition.last!.onerror?.({ error: "not-allowed" }));
    expect(screen.getByRole("alert").textContent).toMatch(/microphone may not be used/);
  });

  it("is a plain text area where the browser has no speech recognition", () => {
    render(<Notes initial="x" onChange={() => undefined} />);
    expect(screen.queryByRole("button")).toBeNull();
    expect(document.getElementById("f-notes")?.tagName).toBe("TEXTAREA");
  });

  it("adds words with one space between, and nothing for silence", () => {
    expect(appendDictated("", " hello ")).toBe("hello");
    expect(appendDictated("Hi", "there")).toBe("Hi there");
    expect(appendDictated("Hi\n", "there")).toBe("Hi\nthere");
    expect(appendDictated("Hi", "  ")).toBe("Hi");
  });
});
