import { BrandMark } from "./brand-mark";

export interface AppHeaderProps {
  workspaceTitle?: string;
  schemaVersion?: number;
  dialect?: "sqlite" | "mysql";
}

const DIALECT_LABELS = { sqlite: "SQLite", mysql: "MySQL" } as const;

export function AppHeader({ workspaceTitle, schemaVersion, dialect }: AppHeaderProps) {
  return (
    <header className="app-header">
      <a className="app-header__brand" href="/">
        <BrandMark />
        <span>Tessera</span>
      </a>
      {workspaceTitle ? <span className="app-header__workspace">{workspaceTitle}</span> : null}
      <div className="app-header__meta">
        {dialect ? <span className="pill" title="Database">{DIALECT_LABELS[dialect]}</span> : null}
        {schemaVersion !== undefined ? (
          <span className="pill pill--accent" data-testid="schema-version" title="Version of the workspace schema">
            Schema v{schemaVersion}
          </span>
        ) : null}
      </div>
    </header>
  );
}
