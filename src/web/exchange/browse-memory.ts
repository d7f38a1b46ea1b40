// Going back to a list after opening a post lands where the reader was: the extra pages they had
// loaded and the scroll position are kept for this browser tab (sessionStorage), keyed by the
// list's query. Only a back/forward navigation restores them; following a link starts afresh.
import type { PostSummary } from './types.js';

export interface LoadedPages {
  items: PostSummary[];
  nextCursor: string | null;
}

interface Snapshot {
  query: string;
  more: LoadedPages | null;
  scrollY: number;
}

const KEY = 'vf.browse';
let cameBack = false;
// The router re-renders from its own popstate listener; ours must run first, so it is registered
// in the capture phase and this module is imported at start-up (main.tsx), before the router.
if (typeof window !== 'undefined') {
  window.addEventListener(
    'popstate',
    () => {
      cameBack = true;
    },
    { capture: true },
  );
  // wouter announces its own navigations with these events.
  for (const type of ['pushState', 'replaceState']) {
    window.addEventListener(
      type,
      () => {
        cameBack = false;
      },
      { capture: true },
    );
  }
}

/** What to restore for this list, if the user has just come back to it. */
export function restoreBrowse(query: string): Snapshot | null {
  if (!cameBack) return null;
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Snapshot | null;
    return saved && saved.query === query ? saved : null;
  } catch {
    return null;
  }
}

export function rememberBrowse(snapshot: Snapshot): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(snapshot));
  } catch {
    // Storage full or disabled: going back simply shows the first page.
  }
}
