// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { createMemoryRouter, RouterProvider, useLocation } from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";
import { SideNavigation } from "./side-navigation";
import { isAtPath } from "./use-nav-links";

const sections = [
  {
    key: "crm",
    title: "CRM",
    tables: [
      { key: "deals", label: "Deals" },
      { key: "deal_lines", label: "Deal lines" },
    ],
  },
];

function Shell() {
  const location = useLocation();
  return (
    <>
      <p data-testid="where">{location.pathname + location.search}</p>
      <SideNavigation sections={sections} admin />
    </>
  );
}

function renderAt(path: string) {
  const router = createMemoryRouter([{ path: "*", element: <Shell /> }], { initialEntries: [path] });
  render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);
  return router;
}

const where = () => screen.getByTestId("where").textContent;

afterEach(cleanup);

describe("SideNavigation", () => {
  it("marks the page's own link, and the table's on its records, as a NavLink would", () => {
    renderAt("/t/deals/7");
    const deals = screen.getByRole("link", { name: "Deals" });
    expect(deals.getAttribute("aria-current")).toBe("page");
    expect(deals.className).toBe("side-nav__link active");
    expect(screen.getByRole("link", { name: "Deal lines" }).getAttribute("aria-current")).toBeNull();
    // Home is active on the home page only.
    expect(screen.getByRole("link", { name: "Home" }).getAttribute("aria-current")).toBeNull();
  });

  it("follows a plain click in the app, replacing the entry when it is the page already shown", async () => {
    const router = renderAt("/t/deals?sort=name");
    await act(async () => fireEvent.click(screen.getByRole("link", { name: "Deal lines" })));
    expect(where()).toBe("/t/deal_lines");
    expect(router.state.historyAction).toBe("PUSH");
    expect(screen.getByRole("link", { name: "Deal lines" }).getAttribute("aria-current")).toBe("page");
    await act(async () => fireEvent.click(screen.getByRole("link", { name: "Deal lines" })));
    expect(router.state.historyAction).toBe("REPLACE");
    await act(async () => fireEvent.click(screen.getByRole("link", { name: "Home" })));
    expect(where()).toBe("/");
    expect(screen.getByRole("link", { name: "Home" }).getAttribute("aria-current")).toBe("page");
  });

  it("leaves a click with a modifier key (a new tab) to the browser", async () => {
    renderAt("/t/deals");
    const link = screen.getByRole("link", { name: "Deal lines" });
    let prevented: boolean | undefined;
    // After the app's handler (React listens at its root), before jsdom would follow the link.
    const seen = (e: Event) => {
      prevented = e.defaultPrevented;
      e.preventDefault();
    };
    window.addEventListener("click", seen, { once: true });
    await act(async () => fireEvent.click(link, { ctrlKey: true }));
    expect(prevented).toBe(false);
    expect(where()).toBe("/t/deals");
  });
});

describe("isAtPath", () => {
  it("matches the page and those below it, case-insensitively, not a longer name", () => {
    expect(isAtPath("/t/deals", "/t/deals")).toBe(true);
    expect(isAtPath("/t/Deals/3", "/t/deals")).toBe(true);
    expect(isAtPath("/t/deal_lines", "/t/deal")).toBe(false);
    expect(isAtPath("/t/deals/3", "/t/deals", true)).toBe(false);
    expect(isAtPath("/tasks", "/", true)).toBe(false);
  });
});
