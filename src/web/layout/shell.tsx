// The frame around every page: skip link, header, the main landmark and the footer.
import type { MouseEvent, ReactNode } from 'react';
import { useT } from '../i18n/i18n.js';
import { Header } from './header.js';

export const MAIN_ID = 'main';

function SkipLink() {
  const t = useT();
  function skip(event: MouseEvent<HTMLAnchorElement>) {
    // Move focus without adding #main to the address.
    const main = document.getElementById(MAIN_ID);
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  }
  return (
    <a className="skip-link" href={`#${MAIN_ID}`} onClick={skip}>
      {t('site.skipToContent')}
    </a>
  );
}

function Footer() {
  const t = useT();
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t('footer.organizedBy')}</p>
        <p>{t('footer.language')}</p>
      </div>
    </footer>
  );
}

export function Shell({ children }: { children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <Header />
      <main id={MAIN_ID} tabIndex={-1} className="container site-main">
        {children}
      </main>
      <Footer />
    </>
  );
}
