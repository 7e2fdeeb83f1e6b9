/** Removed fields the saved template still refers to: it cannot print until they are replaced. */
export function ProblemsNotice({ problems }: { problems: string[] }) {
  if (!problems.length) return null;
  return (
    <div className="pd-problems" role="alert">
      <strong>This template refers to fields that no longer exist, so it cannot print:</strong>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      Remove or replace those fields (the Liquid blocks show them) and save.
    </div>
  );
}
