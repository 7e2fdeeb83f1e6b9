import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { ApiError } from "@runtime/errors";
import { CsrfField } from "../components/csrf-field";
import { useTranslation } from "react-i18next";
import { actorFor } from "../services/actor.server";
import { localeFor, errorIn } from "../services/i18n.server";
import { PendingApprovals } from "../components/rules/pending-approvals";
import { myPendingApprovalsAs } from "../services/rules.server";
import { completeTaskAs, myTasks, type MyTask } from "../services/tasks.server";
import tasksStyles from "../styles/tasks.css";

export const meta = titledMeta;
export const handle: TitledHandle = { title: (t) => t("titles.tasks") };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: tasksStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await actorFor(request);
  const locale = await localeFor(request);
  // English keeps the en-GB due dates it always had; other languages their own.
  const tasks = await myTasks(actor, new Date(), locale.startsWith("en") ? "en-GB" : locale);
  return json({ ...tasks, approvals: await myPendingApprovalsAs(actor) });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await actorFor(request);
  const form = await request.formData();
  try {
    await completeTaskAs(actor, form.get("id"), form.get("version"));
    return json({ ok: true as const, error: null });
  } catch (error) {
    if (error instanceof ApiError) return json({ ok: false as const, error: await errorIn(request, error) }, { status: error.status });
    throw error;
  }
}

export default function MyTasksPage() {
  const { available, groups, total, approvals } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="my-tasks" aria-labelledby="my-tasks-title">
      <header className="my-tasks__header">
        <h1 id="my-tasks-title">{t("nav.tasks")}</h1>
        <p className="my-tasks__summary">
          {total === 0 ? t("tasks.nothingOpen") : t("tasks.open", { count: total })}
          {groups[0]?.key === "overdue" ? (
            <span className="pill my-tasks__overdue-pill">{t("tasks.overdueCount", { count: groups[0].tasks.length })}</span>
          ) : null}
          {available ? (
            <a className="button button--ghost button--small" href="/t/tasks/new">
              {t("tasks.new")}
            </a>
          ) : null}
        </p>
      </header>
      <PendingApprovals approvals={approvals} />
      {!available ? (
        <p className="notice notice--warning">{t("tasks.noTable")}</p>
      ) : total === 0 ? (
        <div className="my-tasks__empty">
          <p className="my-tasks__empty-title">{t("tasks.caughtUp")}</p>
          <p>{t("tasks.emptyHint")}</p>
        </div>
      ) : (
        groups.map((group) => (
          <section key={group.key} className={`my-tasks__group my-tasks__group--${group.key}`} aria-labelledby={`tasks-${group.key}`}>
            <h2 id={`tasks-${group.key}`} className="my-tasks__group-title">
              {t(`tasks.group.${group.key}`, { defaultValue: group.title })} <span className="my-tasks__count">{group.tasks.length}</span>
            </h2>
            <ul className="my-tasks__list">
              {group.tasks.map((task) => (
                <TaskRow key={task.id} task={task} overdue={group.key === "overdue"} />
              ))}
            </ul>
          </section>
        ))
      )}
    </section>
  );
}

function TaskRow({ task, overdue }: { task: MyTask; overdue: boolean }) {
  const fetcher = useFetcher<typeof action>();
  const { t } = useTranslation();
  const closing = fetcher.state !== "idle" || fetcher.data?.ok === true;
  return (
    <li className={`task-row${closing ? " task-row--closing" : ""}`} data-task={task.id}>
      <fetcher.Form method="post" className="task-row__done">
        <CsrfField />
        <input type="hidden" name="id" value={task.id} />
        <input type="hidden" name="version" value={task.version} />
        <button type="submit" className="task-row__check" aria-label={t("tasks.doneOf", { subject: task.subject })} disabled={closing}>
          <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
      </fetcher.Form>
      <div className="task-row__body">
        <a className="task-row__subject" href={`/t/tasks/${task.id}`}>
          {task.subject}
        </a>
        <div className="task-row__meta">
          {task.dueText ? (
            <time dateTime={task.due ?? undefined} className={overdue ? "task-row__due task-row__due--overdue" : "task-row__due"}>
              {task.dueText}
            </time>
          ) : null}
          {task.about ? (
            <a className="task-row__about" href={task.about.href}>
              <span className="task-row__about-table">{task.about.table}</span> {task.about.label}
            </a>
          ) : null}
          {task.notes ? <span className="task-row__notes">{task.notes}</span> : null}
        </div>
        {fetcher.data?.ok === false ? (
          <p className="form-error task-row__error" role="alert">
            {fetcher.data.error}
          </p>
        ) : null}
      </div>
      {task.priority === "high" ? <span className="pill task-row__priority">{t("tasks.high")}</span> : null}
    </li>
  );
}
