// "Undo" beside a result (issue 13): pressed once, it runs the reversal and cannot be pressed twice.
import { useState } from 'react';

export function UndoButton({ label, ariaLabel, run }: { label: string; ariaLabel?: string; run: () => Promise<void> | void }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button button--small button--secondary inline-result__undo"
      aria-label={ariaLabel}
      aria-disabled={busy || undefined}
      onClick={() => {
        if (busy) return;
        setBusy(true);
        void Promise.resolve(run()).finally(() => setBusy(false));
      }}
    >
      {label}
    </button>
  );
}
