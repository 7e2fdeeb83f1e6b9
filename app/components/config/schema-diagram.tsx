import type { DiagramBox, DiagramEdge, DiagramLayout } from "@schema-designer/diagram/diagram-layout";
import { DIAGRAM_METRICS as M } from "@schema-designer/diagram/diagram-layout";
import { useTranslation } from "react-i18next";

const MAX_LABEL = 24;
const clip = (text: string, max = MAX_LABEL) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

type Say = (key: string, values?: Record<string, unknown>) => string;

/** A box's title: the built-in users table is named in the reader's language, the others as the schema names them. */
export const boxLabel = (table: DiagramBox["table"], t: Say) => (table.builtIn ? t("schemaDesigner.diagram.users") : table.label);
const fieldLabel = (table: DiagramBox["table"], field: DiagramBox["table"]["fields"][number], t: Say) =>
  table.builtIn ? t(`schemaDesigner.diagram.userFields.${field.key}`, { defaultValue: field.label }) : field.label;

/** Tables as boxes with their fields, relations as arrows from the relation field to its target. */
export function SchemaDiagram({ layout }: { layout: DiagramLayout }) {
  const { t } = useTranslation();
  const labelOf = new Map(layout.boxes.map((b) => [b.table.key, boxLabel(b.table, t)]));
  return (
    <svg
      className="schema-diagram"
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="group"
      aria-label={t("schemaDesigner.diagram.label")}
      data-testid="schema-diagram"
    >
      <defs>
        <marker id="diagram-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="schema-diagram__arrowhead" />
        </marker>
      </defs>
      <g className="schema-diagram__edges">
        {layout.edges.map((e) => (
          <path
            key={`${e.relation.from}.${e.relation.field}`}
            d={e.path}
            className={e.relation.composition ? "schema-diagram__edge schema-diagram__edge--composition" : "schema-diagram__edge"}
            markerEnd="url(#diagram-arrow)"
            data-relation={`${e.relation.from}.${e.relation.field}`}
          >
            <title>{`${labelOf.get(e.relation.from)}: ${e.relation.fieldLabel} → ${labelOf.get(e.relation.to)}`}</title>
          </path>
        ))}
      </g>
      {layout.boxes.map((b) => (
        <TableBox
          key={b.table.key}
          box={b}
          relationFields={new Set(layout.edges.filter((e) => e.relation.from === b.table.key).map((e) => e.relation.field))}
        />
      ))}
      <g className="schema-diagram__labels" aria-hidden="true">
        {layout.edges.map((e) => (
          <EdgeLabel key={`${e.relation.from}.${e.relation.field}`} edge={e} />
        ))}
      </g>
    </svg>
  );
}

function EdgeLabel({ edge }: { edge: DiagramEdge }) {
  return (
    <text x={edge.label.x} y={edge.label.y} textAnchor={edge.labelAnchor} className="schema-diagram__edge-label">
      {clip(edge.relation.field, 20)}
    </text>
  );
}

function TableBox({ box, relationFields }: { box: DiagramBox; relationFields: Set<string> }) {
  const { t } = useTranslation();
  const { table } = box;
  const body = (
    <>
      <rect x={box.x} y={box.y} width={box.width} height={box.height} rx={6} className="schema-diagram__box" />
      <path
        d={`M ${box.x} ${box.y + M.headerHeight} V ${box.y + 6} Q ${box.x} ${box.y} ${box.x + 6} ${box.y} H ${box.x + box.width - 6} Q ${box.x + box.width} ${box.y} ${box.x + box.width} ${box.y + 6} V ${box.y + M.headerHeight} Z`}
        className={table.builtIn ? "schema-diagram__header schema-diagram__header--builtin" : "schema-diagram__header"}
      />
      <text x={box.x + 10} y={box.y + M.headerHeight / 2 + 5} className="schema-diagram__title">
        {clip(boxLabel(table, t), 26)}
      </text>
      {table.fields.map((f, i) => {
        const y = box.y + M.headerHeight + (i + 0.5) * M.rowHeight + 4;
        const relation = relationFields.has(f.key);
        return (
          <g key={f.key} className={relation ? "schema-diagram__field schema-diagram__field--relation" : "schema-diagram__field"}>
            <text x={box.x + 10} y={y}>
              {clip(fieldLabel(table, f, t))}
              {f.required ? " *" : ""}
            </text>
            <text x={box.x + box.width - 10} y={y} textAnchor="end" className="schema-diagram__kind">
              {f.kind === null ? "" : t(`fieldKinds.short.${f.kind}`, { defaultValue: f.kind })}
            </text>
          </g>
        );
      })}
    </>
  );
  if (table.builtIn) return <g data-table={table.key}>{body}</g>;
  return (
    <a
      href={`/admin/schema?table=${encodeURIComponent(table.key)}`}
      className="schema-diagram__link"
      data-table={table.key}
      aria-label={t("schemaDesigner.diagram.open", { table: table.label })}
    >
      {body}
    </a>
  );
}
