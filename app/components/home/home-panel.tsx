import { useTranslation } from "react-i18next";
import type { ReactNode } from "react";
import type {
  HomeAgingView,
  HomeAmount,
  HomeDeadJobsView,
  HomeFailedRunsView,
  HomeListView,
  HomePanelView,
  HomeRecentView,
  HomeSumView,
} from "@runtime/home/home-view";

/** One panel of the home page, drawn by its kind; the data comes ready from runtime/home. */
export function HomePanel({ panel }: { panel: HomePanelView }) {
  switch (panel.kind) {
    case "list":
      return <ListPanel panel={panel} />;
    case "aging":
      return <AgingPanel panel={panel} />;
    case "sum":
      return <SumPanel panel={panel} />;
    case "recent":
      return <RecentPanel panel={panel} />;
    case "failedRuns":
      return <FailedRunsPanel panel={panel} />;
    case "deadJobs":
      return <DeadJobsPanel panel={panel} />;
  }
}

function Frame(props: { panel: HomePanelView; count?: number; link?: string; wide?: boolean; children: ReactNode }) {
  const { panel, count, link, wide, children } = props;
  const titleId = `home-${panel.id}`;
  return (
    <section
      className={`home-panel home-panel--${panel.kind}${wide ? " home-panel--wide" : ""}`}
      data-panel={panel.id}
      aria-labelledby={titleId}
    >
      <header className="home-panel__header">
        <h2 className="home-panel__title" id={titleId}>
          {panel.title}
          {count !== undefined && count > 0 ? <span className="home-panel__count">{count}</span> : null}
        </h2>
        {link ? (
          <a className="home-panel__more" href={link}>
            See all
          </a>
        ) : null}
      </header>
      {children}
    </section>
  );
}

const SHORT_TITLE = 24;

const Empty = ({ children }: { children: ReactNode }) => <p className="home-panel__empty">{children}</p>;

function ListPanel({ panel }: { panel: HomeListView }) {
  const { t } = useTranslation();
  return (
    <Frame panel={panel} count={panel.total} link={panel.link}>
      {panel.rows.length === 0 ? (
        <Empty>{panel.empty}</Empty>
      ) : (
        // A narrow screen scrolls a wide table inside its panel rather than the page.
        <div className="home-table-wrap">
          <table className="home-table">
            <thead>
              <tr>
                {panel.columns.map((c) => (
                  <th
                    key={c.key}
                    scope="col"
                    className={
                      [c.numeric && "home-table__number", c.compact && "home-table__compact"].filter(Boolean).join(" ") || undefined
                    }
                  >
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {panel.rows.map((row) => (
                <tr
                  key={row.id}
                  data-id={row.id}
                  data-overdue={row.overdue ? "" : undefined}
                  className={row.overdue ? "home-table__row--overdue" : undefined}
                >
                  {row.cells.map((cell, i) => {
                    const column = panel.columns[i];
                    const className = [column.numeric && "home-table__number", column.compact && "home-table__compact"]
                      .filter(Boolean)
                      .join(" ");
                    return (
                      <td key={column.key} className={className || undefined}>
                        {i === 0 ? (
                          <span className="home-table__first">
                            {/* A short title (a number, a name) stays on one line; a long subject wraps. */}
                            <a
                              className={`home-table__title${cell.text.length <= SHORT_TITLE ? " home-table__title--short" : ""}`}
                              href={row.href}
                            >
                              {cell.text || `#${row.id}`}
                            </a>
                            {row.overdue ? <span className="pill home-table__overdue">{t("homePage.overdue")}</span> : null}
                          </span>
                        ) : cell.href ? (
                          <a href={cell.href}>{cell.text}</a>
                        ) : (
                          cell.text
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {panel.total > panel.rows.length ? (
        <p className="home-panel__footer">
          {panel.rows.length} of {panel.total} shown
        </p>
      ) : null}
    </Frame>
  );
}

function Amounts({ amounts }: { amounts: HomeAmount[] }) {
  if (amounts.length === 0) return <span className="home-amount home-amount--none">—</span>;
  return (
    <>
      {amounts.map((a) => (
        <span key={a.currency ?? ""} className="home-amount" data-currency={a.currency ?? undefined}>
          {a.text}
        </span>
      ))}
    </>
  );
}

function AgingPanel({ panel }: { panel: HomeAgingView }) {
  return (
    <Frame panel={panel} link={panel.link} wide>
      <ol className="home-aging">
        {panel.buckets.map((b) => (
          <li
            key={b.key}
            className={`home-aging__bucket home-aging__bucket--${b.key === "current" ? "current" : "late"}`}
            data-bucket={b.key}
          >
            <span className="home-aging__label">{b.label}</span>
            <span className="home-aging__amounts">
              <Amounts amounts={b.amounts} />
            </span>
            <span className="home-aging__count">
              {b.count} {b.count === 1 ? "record" : "records"}
            </span>
          </li>
        ))}
      </ol>
      <p className="home-panel__footer home-aging__total" data-bucket="total">
        Total open: <Amounts amounts={panel.total.amounts} /> in {panel.total.count} {panel.table.toLowerCase()}
      </p>
    </Frame>
  );
}

function SumPanel({ panel }: { panel: HomeSumView }) {
  const { t } = useTranslation();
  return (
    <Frame panel={panel} link={panel.link}>
      {panel.count === 0 ? (
        <Empty>{t("homePage.noneYet")}</Empty>
      ) : (
        <div className="home-sum">
          <span className="home-sum__amounts">
            <Amounts amounts={panel.amounts} />
          </span>
          <span className="home-sum__count">
            {panel.count} {panel.table.toLowerCase()}
          </span>
        </div>
      )}
    </Frame>
  );
}

function RecentPanel({ panel }: { panel: HomeRecentView }) {
  const { t } = useTranslation();
  return (
    <Frame panel={panel}>
      {panel.rows.length === 0 ? (
        <Empty>{t("homePage.recentEmpty")}</Empty>
      ) : (
        <ul className="home-list">
          {panel.rows.map((row) => (
            <li key={row.href} className="home-list__item">
              <a href={row.href}>{row.title}</a>
              <span className="home-list__meta">{row.table}</span>
            </li>
          ))}
        </ul>
      )}
    </Frame>
  );
}

function FailedRunsPanel({ panel }: { panel: HomeFailedRunsView }) {
  const { t } = useTranslation();
  return (
    <Frame panel={panel} count={panel.rows.length} link={panel.link}>
      {panel.rows.length === 0 ? (
        <Empty>{t("homePage.rulesClean")}</Empty>
      ) : (
        <ul className="home-list">
          {panel.rows.map((run) => (
            <li key={run.id} className="home-list__item home-list__item--problem">
              <span className="home-list__main">
                <strong>{run.rule}</strong> on {run.href ? <a href={run.href}>{run.record}</a> : run.record}
              </span>
              <span className="home-list__meta">
                <time dateTime={run.at}>{run.atText}</time>
              </span>
              {run.error ? <span className="home-list__error">{run.error}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </Frame>
  );
}

function DeadJobsPanel({ panel }: { panel: HomeDeadJobsView }) {
  const { t } = useTranslation();
  return (
    <Frame panel={panel} count={panel.rows.length}>
      {panel.rows.length === 0 ? (
        <Empty>{t("homePage.jobsClean")}</Empty>
      ) : (
        <ul className="home-list">
          {panel.rows.map((job) => (
            <li key={job.id} className="home-list__item home-list__item--problem">
              <span className="home-list__main">
                <strong>{job.type}</strong> #{job.id}
              </span>
              <span className="home-list__meta">
                <time dateTime={job.at}>{job.atText}</time>
              </span>
              {job.error ? <span className="home-list__error">{job.error}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </Frame>
  );
}
