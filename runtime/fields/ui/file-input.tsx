import { useTranslation } from "react-i18next";
import { useEffect, useState } from "react";
import type { FileValue } from "../files";
import { acceptPattern } from "../files";
import type { FieldWidgetProps } from "../ui-types";
import { isFileValue, uploadFile } from "./api-client";
import { errorAria } from "./aria";
import { CameraCapture, canUseCamera, photoFileName } from "./camera-capture";
import { classNames } from "./class-names";
import { formatFileSize } from "./file-size";
import { sayError } from "../../i18n/words";

export function fileHref(file: FileValue): string {
  return `/api/files/${encodeURIComponent(file.id)}`;
}

/** Why a chosen file cannot be taken, before any byte is uploaded; undefined when it can. */
export function refuseFile(
  file: { name: string; size: number; type: string },
  accept: string | undefined,
  maxSize: number | undefined,
  locale?: string,
): string | undefined {
  if (maxSize !== undefined && file.size > maxSize) {
    return `“${file.name}” is ${formatFileSize(file.size, locale)}; files can be at most ${formatFileSize(maxSize, locale)}`;
  }
  const pattern = acceptPattern(accept);
  if (pattern !== undefined && !new RegExp(pattern, "u").test(file.type.toLowerCase())) {
    return `“${file.name}” is not an accepted type: choose ${accept}`;
  }
  return undefined;
}

/**
 * The value is JSON in a hidden input, so the card posts the file it shows; the native file input
 * has no name and uploads on change through `POST /api/files`.
 */
export function FileInput(props: FieldWidgetProps & { image?: boolean }) {
  const { t } = useTranslation();
  const def = props.field.def;
  const accept = def["x-accept"] ?? (props.image ? "image/*" : undefined);
  const current = isFileValue(props.value) ? props.value : null;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [camera, setCamera] = useState(false);
  const [cameraAvailable, setCameraAvailable] = useState(false);
  // Only known in the browser; deciding during render would differ from the server's HTML.
  useEffect(() => setCameraAvailable(Boolean(props.image) && canUseCamera()), [props.image]);

  async function upload(file: Blob, name: string) {
    const refusal = refuseFile({ name, size: file.size, type: file.type }, accept, def["x-max-size"], props.format.locale);
    if (refusal) return setProblem(refusal);
    setBusy(true);
    setProblem(undefined);
    try {
      props.onChange(await uploadFile(file, name));
    } catch (error) {
      setProblem(t("fields.uploadFailed", { detail: sayError(error, t) }));
    } finally {
      setBusy(false);
    }
  }

  const aria = errorAria(props, problem !== undefined);
  return (
    <span className={classNames("tf-file", props.dense && "tf-file--dense")}>
      {current ? (
        <span className="tf-file__current">
          {props.image ? <img className="tf-file__thumb" src={fileHref(current)} alt="" /> : null}
          <a className="tf-file__name" href={fileHref(current)} target="_blank" rel="noreferrer">
            {current.name}
          </a>
          <span className="tf-file__size">{formatFileSize(current.size, props.format.locale)}</span>
        </span>
      ) : props.readOnly ? (
        <span className="tf-file__none" id={props.id}>
          {t("fields.noFile")}
        </span>
      ) : null}
      {props.readOnly ? null : (
        <span className="tf-file__actions">
          <input
            type="file"
            id={props.id}
            accept={accept}
            disabled={busy}
            className="tf-file__input"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file) void upload(file, file.name);
            }}
            {...aria}
          />
          {cameraAvailable ? (
            <button type="button" className="tf-button" onClick={() => setCamera(true)} disabled={busy}>
              {t("fields.takePhoto")}
            </button>
          ) : null}
          {current ? (
            <button type="button" className="tf-button" onClick={() => props.onChange(null)} disabled={busy}>
              {t("fields.remove")}
            </button>
          ) : null}
        </span>
      )}
      {busy ? (
        <span className="tf-file__status" role="status">
          {t("fields.uploading")}
        </span>
      ) : null}
      {problem ? (
        <span className="tf-file__problem" role="alert">
          {problem}
        </span>
      ) : null}
      <input type="hidden" name={props.name} value={current ? JSON.stringify(current) : ""} />
      {camera ? (
        <CameraCapture
          onClose={() => setCamera(false)}
          onCapture={(photo) => {
            setCamera(false);
            void upload(photo, photoFileName());
          }}
        />
      ) : null}
    </span>
  );
}
