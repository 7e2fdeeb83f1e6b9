import { useTranslation } from "react-i18next";
import type { FieldCellProps, FieldUi, FieldWidgetProps } from "../ui-types";
import { textLikeUi } from "../ui/text-input";
import { phoneKind } from "./index";

const typed = textLikeUi(phoneKind, "tel");

/** The number as a phone dials it: digits and a leading plus, nothing else ("+353 1 872 4410" → tel:+35318724410). */
export function telHref(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const digits = value.replace(/[^\d+]/g, "").replace(/(?!^)\+/g, "");
  return /\d{3,}/.test(digits) ? `tel:${digits}` : null;
}

/** Typed as a phone number (the phone's dial pad opens), with a Call link beside a number to call with one tap. */
function PhoneWidget(props: FieldWidgetProps) {
  const { t } = useTranslation();
  const href = telHref(props.value);
  return (
    <span className="tf-phone">
      <typed.Widget {...props} />
      {href ? (
        <a className="tf-phone__call" href={href} aria-label={t("fields.callNumber", { number: String(props.value) })}>
          {t("fields.call")}
        </a>
      ) : null}
    </span>
  );
}

/** In a list the number itself is the link: a tap calls. */
function PhoneCell(props: FieldCellProps) {
  const text = phoneKind.formatDisplay(props.value, props.field.def, props.format, props.record);
  const href = telHref(props.value);
  return (
    <span className="tf-cell" title={text || undefined}>
      {href ? <a href={href}>{text}</a> : text}
    </span>
  );
}

export const phoneUi: FieldUi = { ...typed, Widget: PhoneWidget, Cell: PhoneCell, callHref: telHref };
