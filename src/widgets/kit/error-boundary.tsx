import { Component, type ComponentType, type ErrorInfo, type ReactNode } from 'react';

/** Props of IslandErrorBoundary. */
export interface IslandErrorBoundaryProps {
  /** What the learner calls the part inside, in words: "This exercise", "The quiz". */
  what: string;
  children: ReactNode;
}

interface State {
  failed: boolean;
}

/**
 * Catches an error thrown while rendering one island (or one panel of it), so a bug or odd data
 * shows a plain message in its place instead of blanking the island; the rest of the page, and
 * everything already saved in the browser, is untouched. "Try again" renders the part afresh.
 */
export class IslandErrorBoundary extends Component<IslandErrorBoundaryProps, State> {
  override state: State = { failed: false };

  /** Switches to the message on the next render. */
  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept for whoever opens the console; the learner sees the message below.
    console.error(`${this.props.what} stopped with an error:`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="widget-problem island-error" role="alert">
        <p>
          <strong>{this.props.what} stopped working because of a fault in the course.</strong> The rest of the page still works, and
          your saved progress is kept. Try again, or reload the page.
        </p>
        <button type="button" className="button secondary" onClick={() => this.setState({ failed: false })}>
          Try again
        </button>
      </div>
    );
  }
}

/** `Inner` inside an IslandErrorBoundary: for an island's default export. */
export function withErrorBoundary<P extends object>(Inner: ComponentType<P>, what: string): ComponentType<P> {
  function Guarded(props: P) {
    return (
      <IslandErrorBoundary what={what}>
        <Inner {...props} />
      </IslandErrorBoundary>
    );
  }
  Guarded.displayName = `Guarded(${Inner.displayName ?? Inner.name})`;
  return Guarded;
}
