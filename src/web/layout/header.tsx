// The site header: the Forum's name, the main navigation grouped into menus, a personal menu under
// the user's name, and the header actions (one line per feature, e.g. a notifications bell).
// Wide screens show every group on one row, each an accessible disclosure; phones show one "Menu"
// button that opens the whole navigation. Escape closes a menu and gives focus back to its button;
// following a link or clicking elsewhere closes it too.
//
// To add to the header: a link in a group → one line in `signedInGroups`; a link in the personal
// menu → one line in `personalItems`; a control next to the menu (a bell) → one line in
// `HeaderActions`.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { isApiError } from '../api/client.js';
import type { Me } from '../../shared/participants.js';
import { useSession } from '../auth/session.js';
import { useT, type MessageKey } from '../i18n/i18n.js';
import { useNotice } from './notice.js';
import { useMediaQuery } from './use-media.js';
import { ThemeChoice } from './theme.js';
import { Bell } from '../notifications/bell.js';

interface NavItem {
  href: string;
  label: MessageKey;
}

interface NavGroup {
  /** A group shows as a menu; a single link (no `items`) shows as itself. */
  label: MessageKey;
  href?: string;
  items?: NavItem[];
}

const SIGNED_OUT_NAV: NavGroup[] = [
  { href: '/', label: 'nav.about' },
  { href: '/apply', label: 'nav.apply' },
  { href: '/sign-in', label: 'nav.signIn' },
];

function signedInGroups(me: Me): NavGroup[] {
  const groups: NavGroup[] = [
    { href: '/home', label: 'nav.home' },
    {
      label: 'nav.group.exchange',
      items: [
        { href: '/posts', label: 'nav.browse' },
        { href: '/posts/new', label: 'nav.newPost' },
        { href: '/requests-to-answer', label: 'matching.nav' },
        { href: '/self-assessment', label: 'nav.selfAssessment' },
        { href: '/funding', label: 'nav.funding' },
      ],
    },
    {
      label: 'nav.group.knowledge',
      items: [
        { href: '/directory', label: 'nav.directory' },
        { href: '/library', label: 'nav.library' },
        { href: '/map', label: 'nav.map' },
        { href: '/statistics', label: 'nav.statistics' },
      ],
    },
    {
      label: 'nav.group.event',
      items: [
        { href: '/event', label: 'nav.programme' },
        { href: '/agenda', label: 'nav.agenda' },
        { href: '/meetings', label: 'nav.meetings' },
      ],
    },
  ];
  // Organizers reach every console page from one item (and from their home page).
  if (me.role === 'organizer') groups.push({ href: '/organizer', label: 'nav.console' });
  return groups;
}

/** The personal menu under the user's name (sign-out and the theme follow it). */
function personalItems(me: Me): NavItem[] {
  // Issue 12, "your work in one place": offers sent and pledges (on the account page), meetings, conversations.
  const items: NavItem[] = [{ href: '/account', label: 'nav.account' }, { href: '/account#acc-work', label: 'nav.myWork' }, { href: '/meetings', label: 'nav.myMeetings' }, { href: '/conversations', label: 'nav.conversations' }];
  if (me.role === 'focal_point') items.push({ href: '/organization', label: 'nav.organization' });
  items.push({ href: '/agenda', label: 'nav.myAgenda' });
  items.push({ href: '/reports', label: 'nav.myReports' });
  return items;
}

/** Controls beside the menus, visible at every width: one line per feature. */
function HeaderActions({ me }: { me: Me | null }): ReactNode {
  if (!me) return null;
  return (
    <>
      <Bell />
    </>
  );
}

/** Whether `href` is the page shown: "New post" (/posts/new) does not also mark "Browse" (/posts). */
function isCurrent(href: string, location: string, all: string[]): boolean {
  if (href === '/') return location === '/';
  if (location === href) return true;
  return location.startsWith(`${href}/`) && !all.some((other) => other !== href && other.startsWith(`${href}/`) && location.startsWith(other));
}

/** Wide screens show the groups side by side; narrower ones one "Menu" button. */
const WIDE = '(min-width: 60rem)';

/**
 * A button that shows and hides what follows it (the ARIA disclosure pattern): aria-expanded and
 * aria-controls; Escape closes it and returns focus to the button; so does focus leaving it.
 */
function Disclosure({
  label,
  open,
  onToggle,
  className,
  buttonClassName,
  current,
  children,
}: {
  label: ReactNode;
  open: boolean;
  onToggle: (open: boolean) => void;
  className: string;
  buttonClassName?: string;
  current?: boolean;
  children: ReactNode;
}) {
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  return (
    <div
      className={className}
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          onToggle(false);
          button.current?.focus();
        }
      }}
      onBlur={(event) => {
        if (open && !root.current?.contains(event.relatedTarget as Node | null)) onToggle(false);
      }}
    >
      <button
        type="button"
        ref={button}
        className={buttonClassName ?? 'nav-group__toggle'}
        aria-expanded={open}
        aria-controls={id}
        data-current={current || undefined}
        onClick={() => onToggle(!open)}
      >
        {label}
        <span className="nav-group__chevron" aria-hidden="true" />
      </button>
      <div id={id} className="nav-group__panel" hidden={!open}>
        {children}
      </div>
    </div>
  );
}

function LinkList({ items, location, all, t }: { items: NavItem[]; location: string; all: string[]; t: (key: MessageKey) => string }) {
  return (
    <ul className="nav-list">
      {items.map((item) => (
        <li key={item.href + item.label}>
          <Link href={item.href} aria-current={isCurrent(item.href, location, all) ? 'page' : undefined}>
            {t(item.label)}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/**
 * One menu of the header, written once for both widths: on wide screens a disclosure (button and
 * panel); inside the phone's "Menu" its title and contents shown in full.
 */
function MenuGroup({
  wide,
  label,
  open,
  onToggle,
  current,
  className = 'nav-group__menu',
  buttonClassName,
  titleClassName = 'nav-group__title',
  children,
}: {
  wide: boolean;
  label: ReactNode;
  open: boolean;
  onToggle: (open: boolean) => void;
  current?: boolean;
  className?: string;
  buttonClassName?: string;
  titleClassName?: string;
  children: ReactNode;
}) {
  if (wide) {
    return (
      <Disclosure className={className} buttonClassName={buttonClassName} label={label} open={open} onToggle={onToggle} current={current}>
        {children}
      </Disclosure>
    );
  }
  return (
    <>
      <span className={titleClassName}>{label}</span>
      {children}
    </>
  );
}

export function Header() {
  const t = useT();
  const session = useSession();
  const notice = useNotice();
  const [location, navigate] = useLocation();
  const [signingOut, setSigningOut] = useState(false);
  const wide = useMediaQuery(WIDE);
  /** Which menu is open: a group's label, 'me', or 'menu' (the phone's whole menu). */
  const [open, setOpen] = useState<string | null>(null);
  const me = session.me;
  const groups = me ? signedInGroups(me) : session.state.status === 'loading' ? [] : SIGNED_OUT_NAV;
  const personal = me ? personalItems(me) : [];
  const all = [...groups.flatMap((g) => (g.items ?? []).map((i) => i.href).concat(g.href ? [g.href] : [])), ...personal.map((i) => i.href)];

  // Following a link closes any open menu.
  useEffect(() => setOpen(null), [location]);
  // A click outside the header closes it too.
  const headerRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (open === null) return;
    const close = (event: PointerEvent) => {
      if (!headerRef.current?.contains(event.target as Node)) setOpen(null);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

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

  const toggle = (name: string) => (next: boolean) => setOpen(next ? name : null);

  const navigation = groups.length > 0 && (
    <nav className="site-nav" aria-label={t('nav.label')}>
      <ul className="site-nav__groups">
        {groups.map((group) => {
          if (!group.items) {
            return (
              <li key={group.label}>
                <Link href={group.href!} className="site-nav__link" aria-current={isCurrent(group.href!, location, all) ? 'page' : undefined}>
                  {t(group.label)}
                </Link>
              </li>
            );
          }
          const current = group.items.some((i) => isCurrent(i.href, location, all));
          return (
            <li key={group.label} className="nav-group">
              <MenuGroup wide={wide} label={t(group.label)} open={open === group.label} onToggle={toggle(group.label)} current={current}>
                <LinkList items={group.items} location={location} all={all} t={t} />
              </MenuGroup>
            </li>
          );
        })}
      </ul>
    </nav>
  );

  const personalMenu = me && (
    <div className="account" aria-label={wide ? undefined : t('nav.personal')} role={wide ? undefined : 'group'}>
      <MenuGroup
        wide={wide}
        className="nav-group__menu account__menu"
        buttonClassName="nav-group__toggle account__toggle"
        titleClassName="nav-group__title account__name"
        label={wide ? <span className="account__name">{me.name}</span> : me.name}
        open={open === 'me'}
        onToggle={toggle('me')}
      >
        <LinkList items={personal} location={location} all={all} t={t} />
        <ThemeChoice />
        <button type="button" className="button button--small button--secondary account__sign-out" onClick={() => void signOut()} aria-disabled={signingOut || undefined}>
          {t('nav.signOut')}
        </button>
      </MenuGroup>
    </div>
  );

  return (
    <header className="site-header" ref={headerRef}>
      <div className="container site-header__inner">
        <Link href={me ? '/home' : '/'} className="brand">
          <span className="brand__name">{t('site.name')}</span>
          <span className="brand__tagline">{t('site.tagline')}</span>
        </Link>
        <div className="header-actions">
          <HeaderActions me={me} />
        </div>
        {wide || !me ? (
          <>
            {navigation}
            {personalMenu}
          </>
        ) : (
          (groups.length > 0 || me) && (
            <Disclosure className="site-menu" buttonClassName="button button--secondary menu-button" label={t('nav.menu')} open={open === 'menu'} onToggle={toggle('menu')}>
              {navigation}
              {personalMenu}
            </Disclosure>
          )
        )}
      </div>
    </header>
  );
}
