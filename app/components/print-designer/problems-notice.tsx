import { useTranslation } from "react-i18next";

/** Removed fields the saved template still refers to: it cannot print until they are replaced. */
export function ProblemsNotice({ problems }: { problems: string[] }) {
  const { t } = useTranslation();
  if (!problems.length) return null;
  return (
    <div className="pd-problems" role="alert">
      <strong>{t("printDesigner.problems.title")}</strong>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      {t("printDesigner.problems.fix")}
    </div>
  );
}
