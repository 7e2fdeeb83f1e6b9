import { useTranslation } from "react-i18next";
import { useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";

export function canUseCamera(): boolean {
  return typeof navigator !== "undefined" && typeof navigator.mediaDevices?.getUserMedia === "function";
}

/** `photo-2026-11-24-101500.jpg`: sortable, and no characters a file system refuses. */
export function photoFileName(now = new Date()): string {
  return `photo-${now.toISOString().slice(0, 19).replace("T", "-").replace(/:/g, "")}.jpg`;
}

function stopStream(stream: MediaStream | null) {
  stream?.getTracks().forEach((track) => track.stop());
}

/** The webcam in a dialog; one frame becomes a JPEG. The camera is released however the dialog closes. */
export function CameraCapture(props: { onCapture(photo: Blob): void; onClose(): void }) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) {
      try {
        dialog.showModal();
      } catch {
        dialog.setAttribute("open", "");
      }
    }
    let cancelled = false;
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then((stream) => {
        if (cancelled) return stopStream(stream);
        streamRef.current = stream;
        if (videoRef.current) {
          videoRef.current.srcObject = stream;
          void videoRef.current.play?.()?.catch(() => undefined);
        }
      })
      .catch((error: unknown) => setProblem(t("fields.noCamera", { detail: error instanceof Error ? error.message : String(error) })));
    return () => {
      cancelled = true;
      stopStream(streamRef.current);
      streamRef.current = null;
    };
  }, [t]);

  function capture() {
    const video = videoRef.current;
    if (!video || !streamRef.current) return;
    const canvas = document.createElement("canvas");
    canvas.width = video.videoWidth || 1280;
    canvas.height = video.videoHeight || 720;
    canvas.getContext("2d")?.drawImage(video, 0, 0, canvas.width, canvas.height);
    canvas.toBlob(
      (blob) => {
        if (!blob) return setProblem(t("fields.photoFailed"));
        stopStream(streamRef.current);
        streamRef.current = null;
        props.onCapture(blob);
      },
      "image/jpeg",
      0.9,
    );
  }

  const content = (
    <dialog
      ref={dialogRef}
      className="tf-dialog tf-camera"
      aria-label={t("fields.takePhoto")}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <video ref={videoRef} className="tf-camera__video" autoPlay playsInline muted />
      {problem ? (
        <p className="tf-dialog__message" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="tf-dialog__actions">
        <button type="button" className="tf-button tf-button--primary" onClick={capture} disabled={problem !== undefined}>
          {t("fields.capture")}
        </button>
        <button type="button" className="tf-button" onClick={props.onClose}>
          {t("common.cancel")}
        </button>
      </div>
    </dialog>
  );
  return createPortal(content, document.body);
}
