/** After a tap on a number: "Called +35318724410? Log call". Offered, never forced. */
export function CallPrompt(props: { number: string; onLog(): void; onDismiss(): void }) {
  return (
    <div className="card-call-prompt" role="status">
      <span>
        Called <strong>{props.number}</strong>?
      </span>
      <button type="button" className="button button--small" onClick={props.onLog}>
        Log call
      </button>
      <button type="button" className="button button--small button--ghost" onClick={props.onDismiss}>
        Not now
      </button>
    </div>
  );
}
