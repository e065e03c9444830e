import { Component, type ReactNode } from 'react';
import { ErrorView } from './ErrorView';

export interface ErrorBoundaryProps {
  children: ReactNode;
  onRetry?: (() => void) | undefined;
}

interface ErrorBoundaryState {
  error: Error | null;
}

/**
 * Catches what a render throws, above all a failed read (useLive throws it, e.g.
 * a settings row that no longer parses), so the sidebar shows the error instead of going
 * blank. Retry clears it and asks the host to reconnect.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  private retry = () => {
    this.setState({ error: null });
    this.props.onRetry?.();
  };

  override render() {
    if (this.state.error) return <ErrorView message={this.state.error.message} onRetry={this.retry} />;
    return this.props.children;
  }
}
