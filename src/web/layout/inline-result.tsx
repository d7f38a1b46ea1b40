// A confirmation shown where the user acted ("Your offer was sent", under the form they used),
// not at the top of the page: it takes the focus, so it is in view and screen readers read it
// (role=status announces it too, for those whose focus is elsewhere).
import { useCallback, useEffect, useRef, useState } from 'react';
import { UndoButton } from './undo-button.js';

export interface Result {
  message: string;
  /** Issue 13: a way back, shown beside the message ("Undo"), while the result is on screen. */
  undo?: { label: string; ariaLabel?: string; run: () => Promise<void> | void };
  /** Changes with every show(), so the same text shown twice is announced and focused twice. */
  id: number;
}

export function useInlineResult() {
  const [result, setResult] = useState<Result | null>(null);
  const show = useCallback((message: string, undo?: Result['undo']) => setResult((previous) => ({ message, id: (previous?.id ?? 0) + 1, ...(undo ? { undo } : {}) })), []);
  const clear = useCallback(() => setResult(null), []);
  return { result, show, clear };
}

export function InlineResult({ result, testId }: { result: Result | null; testId?: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!result || !ref.current) return;
    const el = ref.current;
    el.focus({ preventScroll: true });
    // Centre it only when it is not wholly on screen: aligning to an edge
    // ('nearest') can leave a fraction of a pixel cut off, and a message
    // glued to the screen's edge is easy to miss.
    const box = el.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) el.scrollIntoView({ block: 'center' });
  }, [result]);
  return (
    <div role="status" aria-live="polite" className="inline-result">
      {result && (
        <p className="notice" tabIndex={-1} ref={ref} key={result.id} data-testid={testId}>
          {result.message}
          {result.undo && (
            <>
              {' '}
              <UndoButton {...result.undo} />
            </>
          )}
        </p>
      )}
    </div>
  );
}
