// Suspending and reinstating one organization or one account, as the console does it: the button
// opens a reason form (suspend) or acts at once (reinstate), the outcome is announced, and the
// focus returns to the button, which now offers the opposite action.
import { useEffect, useRef, useState } from 'react';
import { api, isApiError, type ApiError } from '../api/client.js';

export type SuspensionAction = 'suspend' | 'reinstate';

/** `path`: the resource's API path; `announce`: the message for a done action. */
export function useSuspension<T>(path: string, onChange: (updated: T) => void, announce: (action: SuspensionAction) => string) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState('');
  const [focusAction, setFocusAction] = useState(false);
  const actionRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!focusAction) return;
    actionRef.current?.focus();
    setFocusAction(false);
  }, [focusAction]);

  async function change(action: SuspensionAction, reason?: string) {
    const updated = await api.post<T>(`${path}/${action}`, reason ? { reason } : {});
    onChange(updated);
    setConfirming(false);
    setMessage(announce(action));
    setFocusAction(true);
  }

  async function reinstate() {
    if (busy) return;
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      await change('reinstate');
    } catch (caught) {
      if (isApiError(caught)) setError(caught);
      else throw caught;
    } finally {
      setBusy(false);
    }
  }

  return {
    confirming,
    busy,
    error,
    message,
    actionRef,
    /** The button: reinstate at once when suspended, else open the reason form. */
    start(suspended: boolean) {
      setError(null);
      setMessage('');
      if (suspended) void reinstate();
      else setConfirming(true);
    },
    /** The reason form's confirm (its errors show on the form). */
    suspend: (reason: string) => change('suspend', reason),
    cancel() {
      setConfirming(false);
      setFocusAction(true);
    },
  };
}
