// The site header: the Forum's name, the main navigation for who is signed in, and sign-out.
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { isApiError } from '../api/client.js';
import type { Role } from '../../shared/participants.js';
import { useSession } from '../auth/session.js';
import { useT, type MessageKey } from '../i18n/i18n.js';
import { useNotice } from './notice.js';
import { Bell } from '../notifications/bell.js';

interface NavItem {
  href: string;
  label: MessageKey;
}

const SIGNED_OUT_NAV: NavItem[] = [
  { href: '/', label: 'nav.about' },
  { href: '/apply', label: 'nav.apply' },
  { href: '/sign-in', label: 'nav.signIn' },
];

function signedInNav(role: Role): NavItem[] {
  const items: NavItem[] = [
    { href: '/home', label: 'nav.home' },
    { href: '/posts', label: 'nav.browse' },
    { href: '/map', label: 'nav.map' },
    { href: '/posts/new', label: 'nav.newPost' },
    { href: '/requests-to-answer', label: 'matching.nav' },
    { href: '/funding', label: 'nav.funding' },
    { href: '/library', label: 'nav.library' },
    { href: '/statistics', label: 'nav.statistics' },
    { href: '/event', label: 'nav.programme' },
    { href: '/meetings', label: 'nav.meetings' },
  ];
  // Organizers reach every console page from one item (and from their home page), so the
  // navigation stays short enough for a phone.
  if (role === 'organizer') items.push({ href: '/organizer', label: 'nav.console' });
  if (role === 'focal_point') items.push({ href: '/organization', label: 'nav.organization' });
  return items;
}

export function Header() {
  const t = useT();
  const session = useSession();
  const notice = useNotice();
  const [location, navigate] = useLocation();
  const [signingOut, setSigningOut] = useState(false);
  const me = session.me;
  const items = me ? signedInNav(me.role) : session.state.status === 'loading' ? [] : SIGNED_OUT_NAV;

  async function signOut() {
    if (signingOut) return;
    setSigningOut(true);
    try {
      await session.signOut();
      notice.show(t('session.signedOut'), '/');
      navigate('/');
    } catch (error) {
      notice.show(isApiError(error) ? `${t('session.signOutFailed')} ${error.detail}` : t('session.signOutFailed'));
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link href={me ? '/home' : '/'} className="brand">
          <span className="brand__name">{t('site.name')}</span>
          <span className="brand__tagline">{t('site.tagline')}</span>
        </Link>
        {items.length > 0 && (
          <nav className="site-nav" aria-label={t('nav.label')}>
            <ul>
              {items.map((item) => {
                // "New post" is its own item: /posts/new does not also mark "Browse" as current.
                const current =
                  item.href === '/' ? location === '/' : location === item.href || (location.startsWith(`${item.href}/`) && !items.some((other) => other.href !== item.href && other.href.startsWith(`${item.href}/`) && location.startsWith(other.href)));
                return (
                  <li key={item.href}>
                    <Link href={item.href} aria-current={current ? 'page' : undefined}>
                      {t(item.label)}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        )}
        {me && (
          <div className="account">
            <Bell />
            <span className="account__name">{me.name}</span>
            <button type="button" className="button button--small button--secondary" onClick={() => void signOut()} aria-disabled={signingOut || undefined}>
              {t('nav.signOut')}
            </button>
          </div>
        )}
      </div>
    </header>
  );
}
