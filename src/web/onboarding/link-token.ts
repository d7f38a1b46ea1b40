// Activation and reset links carry a single-use token in `?token=`. It is read once and then
// taken out of the address bar, so it does not linger in the history or in screenshots.
import { useEffect, useState } from 'react';

export function useLinkToken(): string | null {
  const [token] = useState(() => new URLSearchParams(window.location.search).get('token'));
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has('token')) return;
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }, []);
  return token && token.trim() ? token.trim() : null;
}
