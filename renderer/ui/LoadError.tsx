/** A list that could not be loaded: what failed, and a way to try again. */
export function LoadError({ what, message, onRetry }: { what: string; message?: string; onRetry(): void }) {
  return (
    <div className="inline-error" role="alert">
      Could not load the {what}: {message}{' '}
      <button type="button" className="button button-link" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
