import { useEffect } from 'react';

/**
 * While `busy`, leaving or reloading the page asks first (the browser's own dialog): an
 * import or a restore runs in this page, and closing it stops it between two batches.
 */
export function useWarnBeforeUnload(busy: boolean): void {
  useEffect(() => {
    if (!busy) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium shows the dialog only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [busy]);
}
