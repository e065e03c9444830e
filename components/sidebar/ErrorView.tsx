import { useId } from 'react';

export interface ErrorViewProps {
  message: string;
  onRetry?: (() => void) | undefined;
}

/** Something broke: say what, plainly, and offer to try again. */
export function ErrorView({ message, onRetry }: ErrorViewProps) {
  const id = useId();
  return (
    <section role="alert" aria-labelledby={id} className="error-view">
      <h2 id={id}>Something went wrong</h2>
      <p>{message}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </section>
  );
}
