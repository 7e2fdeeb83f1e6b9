import { useTranslation } from "react-i18next";
import { useEffect, useRef, useState } from "react";

/** The part of the Web Speech API a dictation button uses (browsers name it with or without `webkit`). */
interface Recognition {
  lang: string;
  continuous: boolean;
  interimResults: boolean;
  onresult: ((event: { resultIndex: number; results: ArrayLike<ArrayLike<{ transcript: string }> & { isFinal: boolean }> }) => void) | null;
  onerror: ((event: { error: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
}
type RecognitionConstructor = new () => Recognition;

/** The browser's speech recognition, or null where there is none (Firefox, most tests). */
export function speechRecognitionIn(win: unknown): RecognitionConstructor | null {
  if (!win || typeof win !== "object") return null;
  const w = win as { SpeechRecognition?: RecognitionConstructor; webkitSpeechRecognition?: RecognitionConstructor };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null;
}

/** `"Call back"` + `"on Monday"` → `"Call back on Monday"`: dictation adds to what is there. */
export function appendDictated(current: string, heard: string): string {
  const words = heard.trim();
  if (!words) return current;
  if (!current) return words;
  return /\s$/.test(current) ? `${current}${words}` : `${current} ${words}`;
}

const PROBLEMS: Record<string, string> = {
  "not-allowed": "The microphone may not be used: allow it for this site in the browser's settings.",
  "service-not-allowed": "The microphone may not be used: allow it for this site in the browser's settings.",
  "no-speech": "Nothing was heard. Tap the microphone and speak.",
  "audio-capture": "No microphone was found.",
  network: "Dictation needs a network connection.",
};

/**
 * A microphone button beside a text area where the browser can recognise speech: what is said is
 * added to the text. Rendered only once the page runs in a browser that has it, so a page without
 * it (or without JavaScript) keeps a plain text area.
 */
export function DictationButton(props: { label: string; onHeard(text: string): void; disabled?: boolean }) {
  const { t } = useTranslation();
  const [supported, setSupported] = useState(false);
  const [listening, setListening] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const recognition = useRef<Recognition | null>(null);
  const onHeard = useRef(props.onHeard);
  onHeard.current = props.onHeard;

  useEffect(() => {
    setSupported(speechRecognitionIn(window) !== null);
    return () => recognition.current?.stop();
  }, []);
  if (!supported) return null;

  const toggle = () => {
    if (listening) return recognition.current?.stop();
    const Recognizer = speechRecognitionIn(window);
    if (!Recognizer) return;
    const r = new Recognizer();
    r.lang = document.documentElement.lang || navigator.language;
    r.continuous = false;
    r.interimResults = false;
    r.onresult = (event) => {
      let heard = "";
      for (let i = event.resultIndex; i < event.results.length; i++) if (event.results[i].isFinal) heard += event.results[i][0].transcript;
      if (heard.trim()) onHeard.current(heard);
    };
    r.onerror = (event) => setProblem(PROBLEMS[event.error] ?? (event.error === "aborted" ? null : `Dictation stopped: ${event.error}.`));
    r.onend = () => setListening(false);
    recognition.current = r;
    setProblem(null);
    setListening(true);
    try {
      r.start();
    } catch (error) {
      setListening(false);
      setProblem(`Dictation could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <span className="tf-dictation">
      <button
        type="button"
        className={`tf-dictation__button${listening ? " tf-dictation__button--on" : ""}`}
        aria-pressed={listening}
        aria-label={t(listening ? "fields.stopDictatingInto" : "fields.dictateInto", { label: props.label })}
        title={t(listening ? "fields.stopDictating" : "fields.dictate")}
        onClick={toggle}
        disabled={props.disabled}
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <path d="M12 15a3 3 0 0 0 3-3V6a3 3 0 1 0-6 0v6a3 3 0 0 0 3 3Z" fill="currentColor" />
          <path d="M6 11a6 6 0 0 0 12 0M12 17v4M9 21h6" stroke="currentColor" strokeWidth="2" fill="none" strokeLinecap="round" />
        </svg>
        <span className="tf-dictation__text">{t(listening ? "fields.listening" : "fields.dictate")}</span>
      </button>
      {problem ? (
        <span className="tf-dictation__problem" role="alert">
          {problem}
        </span>
      ) : null}
    </span>
  );
}
