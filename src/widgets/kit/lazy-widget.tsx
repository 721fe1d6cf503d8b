import { type ComponentType, lazy, Suspense } from 'react';
import { IslandErrorBoundary } from './error-boundary.tsx';

/** A widget body module, as `import()` returns it. */
export interface WidgetModule<P> {
  /** The component that renders the whole widget. */
  default: ComponentType<P>;
}

/**
 * An island that keeps its heavy body (the simulator, xstate, machines/) out of the page's
 * static scripts. On the server, pass the body already loaded so the page's HTML holds the whole
 * widget; in the browser pass `undefined`, and the body is fetched as its own chunk when the
 * island hydrates. Until it arrives React leaves the server HTML in place (its controls are
 * rendered disabled by useHydrated), then hydrates it, so nothing flashes or shifts.
 * Only the lab workbench uses it now: the lesson widgets hydrate their body directly, as the
 * shells did not lower what a lesson downloads in all (docs/decisions/003, update for issue 9).
 */
export function lazyWidget<P extends object>(
  serverBody: ComponentType<P> | undefined,
  load: () => Promise<WidgetModule<P>>,
): ComponentType<P> {
  return withBoundaries(serverBody ?? lazy(load));
}

/** Wraps a widget body in the Suspense and error boundaries every lazy widget shares. */
function withBoundaries<P extends object>(Body: ComponentType<P>): ComponentType<P> {
  function LazyWidget(props: P) {
    // The same boundary on both sides, so hydration can pause at it while the chunk loads; the
    // error boundary keeps a fault in the body (or a chunk that fails to load) inside the island.
    return (
      <IslandErrorBoundary what="This exercise">
        <Suspense fallback={null}>
          <Body {...props} />
        </Suspense>
      </IslandErrorBoundary>
    );
  }
  return LazyWidget;
}
