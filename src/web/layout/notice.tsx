// Short confirmations ("You have signed out", "Invitation sent") shown under the page heading in a
// polite live region. A notice belongs to one path, so it can be set just before navigating there
// and disappears as soon as the user goes elsewhere.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'wouter';

interface NoticeState {
  message: string;
  path: string;
  /** Changes with every show(), so the same text shown twice is announced twice. */
  id: number;
}

export interface NoticeApi {
  /** Shows `message` on `path` (default: the current page). */
  show(message: string, path?: string): void;
  clear(): void;
}

const NoticeApiContext = createContext<NoticeApi | null>(null);
const NoticeValueContext = createContext<NoticeState | null>(null);

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const [notice, setNotice] = useState<NoticeState | null>(null);

  // On each move to another page, notices meant for other pages go. (Only on a move: a notice set
  // for the page about to be shown must survive until the navigation happens.)
  const previousLocation = useRef(location);
  useEffect(() => {
    if (previousLocation.current === location) return;
    previousLocation.current = location;
    setNotice((current) => (current && current.path !== location ? null : current));
  }, [location]);

  const show = useCallback((message: string, path?: string) => {
    setNotice((previous) => ({ message, path: path ?? window.location.pathname, id: (previous?.id ?? 0) + 1 }));
  }, []);
  const clear = useCallback(() => setNotice(null), []);
  const api = useMemo<NoticeApi>(() => ({ show, clear }), [show, clear]);
  const visible = notice && notice.path === location ? notice : null;

  return (
    <NoticeApiContext.Provider value={api}>
      <NoticeValueContext.Provider value={visible}>{children}</NoticeValueContext.Provider>
    </NoticeApiContext.Provider>
  );
}

export function useNotice(): NoticeApi {
  const api = useContext(NoticeApiContext);
  if (!api) throw new Error('useNotice outside NoticeProvider');
  return api;
}

/** The live region; <Page> renders it right under the h1. Always present, so changes are announced. */
export function NoticeRegion() {
  const notice = useContext(NoticeValueContext);
  return (
    <div className="notice-region" role="status" aria-live="polite">
      {notice && (
        <p className="notice" key={notice.id}>
          {notice.message}
        </p>
      )}
    </div>
  );
}
