import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { ApiError } from "@runtime/errors";
import { CsrfField } from "../components/csrf-field";
import { actorFor } from "../services/actor.server";
import { PendingApprovals } from "../components/rules/pending-approvals";
import { myPendingApprovalsAs } from "../services/rules.server";
import { completeTaskAs, myTasks, type MyTask } from "../services/tasks.server";
import tasksStyles from "../styles/tasks.css";

export const meta: MetaFunction = () => [{ title: "My tasks · Tessera" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: tasksStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await actorFor(request);
  return json({ ...(await myTasks(actor)), approvals: await myPendingApprovalsAs(actor) });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await actorFor(request);
  const form = await request.formData();
  try {
    await completeTaskAs(actor, form.get("id"), form.get("version"));
    return json({ ok: true as const, error: null });
  } catch (error) {
    if (error instanceof ApiError) return json({ ok: false as const, error: error.message }, { status: error.status });
    throw error;
  }
}

export default function MyTasksPage() {
  const { available, groups, total, approvals } = useLoaderData<typeof loader>();
  return (
    <section className="my-tasks" aria-labelledby="my-tasks-title">
      <header className="my-tasks__header">
        <h1 id="my-tasks-title">My tasks</h1>
        <p className="my-tasks__summary">
          {total === 0 ? "Nothing open" : `${total} open`}
          {groups[0]?.key === "overdue" ? <span className="pill my-tasks__overdue-pill">{groups[0].tasks.length} overdue</span> : null}
          {available ? (
            <a className="button button--ghost button--small" href="/t/tasks/new">
              + New task
            </a>
          ) : null}
        </p>
      </header>
      <PendingApprovals approvals={approvals} />
      {!available ? (
        <p className="notice notice--warning">This workspace has no tasks table. An administrator can add one in the schema designer.</p>
      ) : total === 0 ? (
        <div className="my-tasks__empty">
          <p className="my-tasks__empty-title">You are all caught up.</p>
          <p>Tasks assigned to you, by people or by rules, show up here.</p>
        </div>
      ) : (
        groups.map((group) => (
          <section key={group.key} className={`my-tasks__group my-tasks__group--${group.key}`} aria-labelledby={`tasks-${group.key}`}>
            <h2 id={`tasks-${group.key}`} className="my-tasks__group-title">
              {group.title} <span className="my-tasks__count">{group.tasks.length}</span>
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
  const closing = fetcher.state !== "idle" || fetcher.data?.ok === true;
  return (
    <li className={`task-row${closing ? " task-row--closing" : ""}`} data-task={task.id}>
      <fetcher.Form method="post" className="task-row__done">
        <CsrfField />
        <input type="hidden" name="id" value={task.id} />
        <input type="hidden" name="version" value={task.version} />
        <button type="submit" className="task-row__check" aria-label={`Done: ${task.subject}`} disabled={closing}>
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
      {task.priority === "high" ? <span className="pill task-row__priority">High</span> : null}
    </li>
  );
}
