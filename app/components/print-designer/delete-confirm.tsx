import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "../csrf-field";

/** Delete… that opens its confirmation in place: a print or a Word template, posted with `intent`. */
export function DeleteConfirm({ id, name, intent }: { id: string; name: string; intent: "delete" | "delete-word" }) {
  const { t } = useTranslation();
  return (
    <details className="print-list__delete">
      <summary className="button button--small button--danger">{t("printDesigner.list.delete")}</summary>
      <Form method="post" className="print-list__confirm">
        <CsrfField />
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="name" value={name} />
        <span>{t("printDesigner.list.confirmDelete", { name })}</span>
        <button className="button button--small button--danger" name="intent" value={intent} type="submit">
          {t("printDesigner.list.yesDelete")}
        </button>
      </Form>
    </details>
  );
}
