import { Link, useNavigate } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { FunnelMonth, FunnelPageData } from "@runtime/views/funnel";
import { withChanges } from "@runtime/views/list-params";
import { useLocale } from "../../i18n/use-locale";
import { formatCurrencySums } from "../list/currency-sums";
import { useListFormat } from "../list/field-cell";
import { listHref } from "../list/list-link";

/*
 * Charts are drawn at a fixed size and scaled by CSS (their SVG has a viewBox). Recharts draws
 * once the page is live; the box is reserved at the chart's proportions in the server's HTML,
 * so nothing below it moves when it appears, on a phone or a wide screen.
 */
const CHART_WIDTH = 760;
const STAGE_ROW = 44;
const MONTHS_HEIGHT = 260;

const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)} %`);

/** The last `n` months up to and including `since + n - 1`, each with its figures (zero when none). */
function monthRange(since: string, n: number, months: FunnelMonth[]): FunnelMonth[] {
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const [y, m] = since.split("-").map(Number);
  return Array.from({ length: n }, (_, i) => {
    const index = y * 12 + (m - 1) + i;
    const key = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
    return byMonth.get(key) ?? { month: key, won: { count: 0, sums: [] }, lost: { count: 0, sums: [] } };
  });
}

function monthLabel(key: string, locale: string): string {
  const [y, m] = key.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString(locale, { month: "short", year: "2-digit", timeZone: "UTC" });
}

export function FunnelView({ data, monthsShown }: { data: FunnelPageData; monthsShown: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const format = useListFormat();
  const navigate = useNavigate();
  const { table, field, funnel, money, params } = data;
  const count = (n: number) => n.toLocaleString(locale);
  const moneyText = (sums: { currency: string | null; sum: number }[]) =>
    money ? (formatCurrencySums(money, sums, sums.length === 1, format) ?? "—") : "—";
  const stageHref = (value: string) =>
    listHref(
      table.key,
      withChanges(params, { conditions: [...(params.conditions ?? []), { field: field.key, op: "eq", value }], layout: undefined }),
    );
  const sums = (s: { sums: { currency: string | null; sum: number }[] }) => moneyText(s.sums);
  const won = funnel.stages.filter((s) => s.probability === 1).reduce((n, s) => n + s.count, 0);
  const lost = funnel.lost.reduce((n, s) => n + s.count, 0);
  const open = funnel.stages.filter((s) => s.probability < 1);
  const openSums = open.flatMap((s) => s.sums);
  const chartStages = funnel.stages.map((s) => ({ ...s, bar: s.reached }));
  const stagesHeight = chartStages.length * STAGE_ROW + 40;
  const months = monthRange(data.since, monthsShown, data.months).map((m) => ({
    label: monthLabel(m.month, locale),
    won: m.won.count,
    lost: m.lost.count,
  }));

  return (
    <div className="funnel">
      <dl className="funnel__figures">
        <div>
          <dt>{t("funnel.inPipeline")}</dt>
          <dd>{count(open.reduce((n, s) => n + s.count, 0))}</dd>
          {money ? <dd className="funnel__money">{moneyText(mergeSums(openSums))}</dd> : null}
        </div>
        <div>
          <dt>{t("funnel.expected")}</dt>
          <dd className="funnel__money">{moneyText(funnel.expected)}</dd>
        </div>
        <div>
          <dt>{t("funnel.won")}</dt>
          <dd>{count(won)}</dd>
        </div>
        <div>
          <dt>{t("funnel.winRate")}</dt>
          <dd>{won + lost === 0 ? "—" : percent(won / (won + lost))}</dd>
        </div>
      </dl>

      <section className="funnel__panel" aria-labelledby="funnel-stages-title">
        <h2 id="funnel-stages-title">{t("funnel.stagesTitle")}</h2>
        <p className="muted">{t("funnel.stagesHelp", { records: table.pluralLabel.toLowerCase() })}</p>
        <div className="funnel__chart" aria-hidden="true" style={{ aspectRatio: `${CHART_WIDTH} / ${stagesHeight}` }}>
          <BarChart
            width={CHART_WIDTH}
            height={stagesHeight}
            data={chartStages}
            layout="vertical"
            margin={{ top: 8, right: 72, bottom: 8, left: 8 }}
          >
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="label" width={130} />
            <Tooltip formatter={(value) => [count(Number(value)), t("funnel.reached")]} cursor={{ fill: "rgba(0,0,0,0.04)" }} />
            <Bar
              dataKey="bar"
              name={t("funnel.reached")}
              isAnimationActive={false}
              onClick={(entry) => navigate(stageHref((entry.payload as { value: string }).value))}
            >
              {chartStages.map((s) => (
                <Cell
                  key={s.value}
                  className="funnel__bar"
                  fill={s.probability === 1 ? "var(--color-success, #1f8a4c)" : "var(--color-accent, #2d5bd7)"}
                />
              ))}
              <LabelList dataKey="bar" position="right" formatter={(v: unknown) => count(Number(v))} />
            </Bar>
          </BarChart>
        </div>
        <table className="funnel__table">
          <thead>
            <tr>
              <th scope="col">{field.label}</th>
              <th scope="col" className="num">
                {t("funnel.probability")}
              </th>
              <th scope="col" className="num">
                {t("funnel.atIt")}
              </th>
              <th scope="col" className="num">
                {money?.label ?? t("funnel.amount")}
              </th>
              <th scope="col" className="num">
                {t("funnel.weighted")}
              </th>
              <th scope="col" className="num">
                {t("funnel.reached")}
              </th>
              <th scope="col" className="num">
                {t("funnel.onToNext")}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...funnel.stages, ...funnel.lost].map((s) => (
              <tr key={s.value} className={s.probability === 0 ? "funnel__lost" : undefined}>
                <th scope="row">
                  <Link to={stageHref(s.value)}>{s.label}</Link>
                </th>
                <td className="num">{percent(s.probability)}</td>
                <td className="num">{count(s.count)}</td>
                <td className="num">{sums(s)}</td>
                <td className="num">{s.probability === 0 ? "—" : moneyText(s.weighted)}</td>
                <td className="num">{s.probability === 0 ? "—" : count(s.reached)}</td>
                <td className="num">{percent(s.conversion)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="funnel__panel" aria-labelledby="funnel-months-title">
        <h2 id="funnel-months-title">{t("funnel.monthsTitle")}</h2>
        {data.dateField ? (
          <>
            <p className="muted">{t("funnel.monthsHelp", { field: data.dateField.label.toLowerCase(), count: monthsShown })}</p>
            <table className="visually-hidden">
              <caption>{t("funnel.monthsTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("funnel.month")}</th>
                  <th scope="col">{t("funnel.won")}</th>
                  <th scope="col">{t("funnel.lost")}</th>
                </tr>
              </thead>
              <tbody>
                {months.map((m) => (
                  <tr key={m.label}>
                    <th scope="row">{m.label}</th>
                    <td>{m.won}</td>
                    <td>{m.lost}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="funnel__chart" aria-hidden="true" style={{ aspectRatio: `${CHART_WIDTH} / ${MONTHS_HEIGHT}` }}>
              <BarChart width={CHART_WIDTH} height={MONTHS_HEIGHT} data={months} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                <CartesianGrid vertical={false} strokeDasharray="3 3" />
                <XAxis dataKey="label" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                <Bar dataKey="won" name={t("funnel.won")} fill="var(--color-success, #1f8a4c)" isAnimationActive={false} />
                <Bar dataKey="lost" name={t("funnel.lost")} fill="var(--color-danger, #c0392b)" isAnimationActive={false} />
              </BarChart>
            </div>
          </>
        ) : (
          <p className="muted">{t("funnel.noDateField", { records: table.pluralLabel })}</p>
        )}
      </section>
    </div>
  );
}

function mergeSums(sums: { currency: string | null; sum: number }[]): { currency: string | null; sum: number }[] {
  const out = new Map<string | null, number>();
  for (const s of sums) out.set(s.currency, (out.get(s.currency) ?? 0) + s.sum);
  return [...out].map(([currency, sum]) => ({ currency, sum: Math.round(sum * 100) / 100 }));
}
