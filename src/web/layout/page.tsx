// Every page renders <Page>: it owns the one h1, the document title, focus after navigation
// and the notice region. Also the small shared "loading" and "could not load" blocks.
import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'wouter';
import type { ApiError } from '../api/client.js';
import { useT } from '../i18n/i18n.js';
import { NoticeRegion } from './notice.js';

// Focus moves to the h1 whenever the view changes, but not on the first page of a visit, where
// the browser (and screen reader) should start at the top as usual.
let firstView: string | null = null;
let hasMoved = false;
function shouldMoveFocus(view: string): boolean {
  if (firstView === null) {
    firstView = view;
    return false;
  }
  if (view !== firstView) hasMoved = true;
  return hasMoved;
}

export interface PageProps {
  /** Goes into document.title and, unless `heading` is given, the h1. */
  title: string;
  heading?: ReactNode;
  /** Text-heavy pages and forms read better in a narrower column. */
  width?: 'narrow' | 'wide';
  children?: ReactNode;
}

export function Page({ title, heading, width = 'wide', children }: PageProps) {
  const t = useT();
  const [location] = useLocation();
  const h1 = useRef<HTMLHeadingElement>(null);
  const siteName = t('site.name');

  useEffect(() => {
    document.title = title === siteName ? siteName : t('site.documentTitle', { page: title });
    if (shouldMoveFocus(`${location}|${title}`) && h1.current) {
      // A new view starts at the top, and screen readers start reading at its heading.
      window.scrollTo(0, 0);
      h1.current.focus({ preventScroll: true });
    }
  }, [title, location, siteName, t]);

  return (
    <div className={`page page--${width}`}>
      <h1 ref={h1} tabIndex={-1}>
        {heading ?? title}
      </h1>
      <NoticeRegion />
      {children}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

/** A failed load, with the server's explanation and a way to try again. */
export function LoadError({ error, retry }: { error: ApiError; retry?: () => void }) {
  const t = useT();
  return (
    <div className="callout callout--error" role="alert">
      <p className="callout-title">{error.title}</p>
      {error.detail && <p>{error.detail}</p>}
      {retry && (
        <button type="button" className="button button--secondary" onClick={retry}>
          {t('common.tryAgain')}
        </button>
      )}
    </div>
  );
}
