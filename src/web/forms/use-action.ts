// A button that does one thing on the server: ignores clicks while it runs, and keeps the server's
// explanation of a failure to show next to the button.
import { useCallback, useRef, useState } from 'react';
import { isApiError } from '../api/client.js';

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const run = useCallback(async (action: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(isApiError(caught) ? caught.detail || caught.title : String(caught));
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
