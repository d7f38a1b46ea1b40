// /account: your profile, password, sessions, two-step sign-in, your data, and your work
// (offers your organization sent, pledges and interests, meetings, conversations).
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api, currentCsrfToken, isApiError, request } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { useSession } from '../auth/session.js';
import { useAction } from '../forms/use-action.js';
import { formatDateTime, useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { Avatar } from './directory-page.js';

interface Profile { name: string; title: string | null; email: string; languages: string[]; expertise: string; timeZone: string | null; showEmail: boolean; photoUrl: string | null; twoFactor: { enabled: boolean; recoveryCodesLeft: number; recommended: boolean }; deletionRequestedAt: string | null }
interface SessionItem { id: string; current: boolean; device: string; network: string | null; lastSeenAt: string }
interface WorkItem { id: string; summary?: string; status: string | null; type?: 'pledge' | 'interest'; amount?: string | null; currency?: string | null; createdAt: string; post: { id: string; title: string } | null }

export function AccountPage() {
  const t = useT();
  const session = useSession();
  const profile = useResource<Profile>('/api/v1/me/profile');
  // With VF_REQUIRE_2FA=1, someone who must use two-step sign-in sees only that until it is on.
  const held = session.me?.secondFactor?.setup === 'required';
  // Kept here, above the reload of the profile, so the recovery codes stay on screen once shown.
  const [codes, setCodes] = useState<string[] | null>(null);
  const ready = profile.status === 'ready';
  useEffect(() => {
    // "My offers and pledges" in the header links to /account#acc-work: show that section once the
    // page is there, and again whenever that link is followed while already here (wouter navigates
    // with history.pushState and announces it as a "pushState" event; no hashchange fires then).
    if (!ready) return;
    const show = () => {
      const target = window.location.hash ? document.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
      target?.scrollIntoView();
    };
    show();
    const events = ['pushState', 'popstate', 'hashchange'] as const;
    for (const event of events) window.addEventListener(event, show);
    return () => {
      for (const event of events) window.removeEventListener(event, show);
    };
  }, [ready]);
  if (profile.status !== 'ready') return <Page title={t('account.title')}>{profile.status === 'error' ? <LoadError error={profile.error} retry={profile.reload} /> : <Loading />}</Page>;
  return (
    <Page title={t('account.title')} width="narrow">
      {held && <p className="callout callout--warning" role="alert">{t('account.twoFactorRequired')}</p>}
      {!held && <ProfileSection profile={profile.data} reload={profile.reload} />}
      {!held && <PasswordSection />}
      {!held && <SessionsSection />}
      <TwoFactorSection profile={profile.data} codes={codes} setCodes={setCodes} reload={() => { profile.reload(); void session.refresh(); }} />
      {!held && <WorkSection />}
      {!held && <DataSection profile={profile.data} reload={profile.reload} />}
    </Page>
  );
}

function ProfileSection({ profile, reload }: { profile: Profile; reload: () => void }) {
  const t = useT();
  const [v, setV] = useState({ name: profile.name, title: profile.title ?? '', languages: profile.languages.join(', '), expertise: profile.expertise, timeZone: profile.timeZone ?? '', showEmail: profile.showEmail });
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const upload = async (file: File) => {
    const res = await fetch('/api/v1/me/photo', { method: 'PUT', body: file, credentials: 'same-origin', headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': currentCsrfToken() ?? '' } });
    if (!res.ok) throw new Error(((await res.json()) as { detail?: string }).detail ?? res.statusText);
    reload();
  };
  return (
    <section aria-labelledby="acc-profile">
      <h2 id="acc-profile">{t('account.profile')}</h2>
      <Avatar url={profile.photoUrl} name={profile.name} />
      <div className="field">
        <label htmlFor="acc-photo">{t('account.photo')}</label>
        <input id="acc-photo" type="file" accept="image/png,image/jpeg,image/webp,image/gif" aria-describedby="acc-photo-hint" onChange={(e) => { const f = e.target.files?.[0]; if (f) void action.run(() => upload(f)); }} />
        <p id="acc-photo-hint" className="field__hint">{t('account.photoHint')}</p>
      </div>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          void action.run(async () => {
            const languages = v.languages.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
            await fetchJson('PATCH', '/api/v1/me/profile', { name: v.name, title: v.title || null, languages, expertise: v.expertise, timeZone: v.timeZone || null, showEmail: v.showEmail });
            setSaved(true);
          });
        }}
      >
        {(['name', 'title', 'languages', 'timeZone'] as const).map((key) => (
          <div className="field" key={key}>
            <label htmlFor={`acc-${key}`}>{t(key === 'title' ? 'account.jobTitle' : `account.${key}`)}</label>
            <input id={`acc-${key}`} value={v[key]} onChange={(e) => setV({ ...v, [key]: e.target.value })} />
          </div>
        ))}
        <div className="field">
          <label htmlFor="acc-expertise">{t('account.expertise')}</label>
          <textarea id="acc-expertise" rows={3} value={v.expertise} onChange={(e) => setV({ ...v, expertise: e.target.value })} />
        </div>
        <div className="field field--checkbox">
          <input id="acc-show-email" type="checkbox" checked={v.showEmail} onChange={(e) => setV({ ...v, showEmail: e.target.checked })} />
          <label htmlFor="acc-show-email">{t('account.showEmail')}</label>
        </div>
        {action.error && <p className="field__error" role="alert">{action.error}</p>}
        {saved && <p role="status">{t('account.saved')}</p>}
        <button type="submit" className="button">{t('account.save')}</button>
      </form>
    </section>
  );
}

const fetchJson = (method: 'PATCH' | 'DELETE', path: string, body: unknown) => request(method, path, body);

function PasswordSection() {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction();
  return (
    <section aria-labelledby="acc-password">
      <h2 id="acc-password">{t('account.password')}</h2>
      <form noValidate onSubmit={(e) => { e.preventDefault(); void action.run(async () => { await api.put('/api/v1/me/password', { currentPassword: current, newPassword: next }); setDone(true); setCurrent(''); setNext(''); }); }}>
        <div className="field">
          <label htmlFor="acc-current">{t('account.currentPassword')}</label>
          <input id="acc-current" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="acc-new">{t('account.newPassword')}</label>
          <input id="acc-new" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
        </div>
        {action.error && <p className="field__error" role="alert">{action.error}</p>}
        {done && <p role="status">{t('account.passwordChanged')}</p>}
        <button type="submit" className="button">{t('account.changePassword')}</button>
      </form>
    </section>
  );
}

function SessionsSection() {
  const t = useT();
  const list = useResource<{ items: SessionItem[] }>('/api/v1/me/sessions');
  const action = useAction();
  return (
    <section aria-labelledby="acc-sessions">
      <h2 id="acc-sessions">{t('account.sessions')}</h2>
      {list.status === 'ready' && (
        <ul className="plain-list">
          {list.data.items.map((s) => (
            <li key={s.id}>
              {s.device} {s.network && `· ${s.network} `}· {t('account.lastUsed', { when: formatDateTime(s.lastSeenAt) })} {s.current ? `(${t('account.thisSession')})` : (
                <button type="button" className="button button--small button--secondary" onClick={() => void action.run(async () => { await api.delete(`/api/v1/me/sessions/${s.id}`); list.reload(); })}>{t('account.signOutSession')}</button>
              )}
            </li>
          ))}
        </ul>
      )}
      {action.error && <p className="field__error" role="alert">{action.error}</p>}
      <button type="button" className="button button--secondary" onClick={() => void action.run(async () => { await api.delete('/api/v1/me/sessions'); list.reload(); })}>{t('account.signOutOthers')}</button>
    </section>
  );
}

function TwoFactorSection({ profile, reload, codes, setCodes }: { profile: Profile; reload: () => void; codes: string[] | null; setCodes: (codes: string[] | null) => void }) {
  const t = useT();
  const [secret, setSecret] = useState<{ secret: string; qrCode: string } | null>(null);
  const [code, setCode] = useState('');
  const action = useAction();
  const on = profile.twoFactor.enabled;
  return (
    <section aria-labelledby="acc-2fa" id="two-step">
      <h2 id="acc-2fa">{t('account.twoFactor')}</h2>
      <p>{on ? t('account.twoFactorOn', { count: profile.twoFactor.recoveryCodesLeft }) : t('account.twoFactorOff')} {!on && profile.twoFactor.recommended && t('account.twoFactorRecommended')}</p>
      {codes && (
        <div className="panel" role="status">
          <p>{t('account.recoveryCodes')}</p>
          <ul>{codes.map((c) => <li key={c}><code>{c}</code></li>)}</ul>
        </div>
      )}
      {!on && !secret && <button type="button" className="button button--secondary" onClick={() => void action.run(async () => setSecret(await api.post<{ secret: string; qrCode: string }>('/api/v1/me/totp')))}>{t('account.twoFactorStart')}</button>}
      {(secret || on) && (
        <form noValidate onSubmit={(e) => { e.preventDefault(); void action.run(async () => {
          if (on) await fetchJson('DELETE', '/api/v1/me/totp', { code });
          else setCodes((await api.post<{ recoveryCodes: string[] }>('/api/v1/me/totp/confirm', { code })).recoveryCodes);
          setSecret(null); setCode(''); reload();
        }); }}>
          {secret && (
            <>
              <p>{t('account.twoFactorScan')}</p>
              {/* An SVG made by the server from the otpauth URI; the key below is the same for typing. */}
              <img className="qr-code" src={secret.qrCode} alt={t('account.twoFactorQrAlt')} width={200} height={200} />
              <p>{t('account.twoFactorSecret')} <code>{secret.secret}</code></p>
            </>
          )}
          <div className="field">
            <label htmlFor="acc-code">{t('account.code')}</label>
            <input id="acc-code" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
          </div>
          <button type="submit" className="button">{on ? t('account.turnOff') : t('account.confirm')}</button>
        </form>
      )}
      {action.error && <p className="field__error" role="alert">{action.error}</p>}
    </section>
  );
}

/** A list of {items, nextCursor} read page by page ("Show more"). */
function usePagedList<T>(path: string) {
  const [items, setItems] = useState<T[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async (cursor: string | null) => {
    try {
      const page = await api.get<{ items: T[]; nextCursor: string | null }>(`${path}${cursor ? `${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : ''}`);
      setItems((before) => [...(cursor ? (before ?? []) : []), ...page.items]);
      setNext(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(accountErrorText(e));
    }
  };
  useEffect(() => {
    void load(null);
  }, [path]);
  return { items, more: next ? () => void load(next) : null, error };
}

const PAGE = 10;

function WorkSection() {
  const t = useT();
  const offers = usePagedList<WorkItem>(`/api/v1/me/offers?limit=${PAGE}`);
  const pledges = usePagedList<WorkItem>(`/api/v1/me/pledges?limit=${PAGE}`);
  const postLink = (p: WorkItem['post']) => (p ? <Link href={`/posts/${p.id}`}>{p.title}</Link> : <span className="muted">{t('account.restrictedPost')}</span>);
  const money = (amount: string, currency: string | null) => {
    try {
      return currency ? new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 }).format(Number(amount)) : amount;
    } catch {
      return `${amount} ${currency ?? ''}`;
    }
  };
  const pledgeStatus = (status: string) => (['indicated', 'confirmed', 'withdrawn'].includes(status) ? t(`pledgeStatus.${status as 'indicated'}`) : status);
  const offerStatus = (status: string) => (['pending', 'accepted', 'declined', 'withdrawn'].includes(status) ? t(`offerStatus.${status as 'pending'}`) : status);
  return (
    <section aria-labelledby="acc-work">
      <h2 id="acc-work">{t('account.work')}</h2>
      <p><Link href="/meetings">{t('account.myMeetings')}</Link> · <Link href="/conversations">{t('account.myConversations')}</Link></p>
      <h3 id="acc-offers">{t('account.myOffers')}</h3>
      {offers.error && <p className="field__error" role="alert">{offers.error}</p>}
      {offers.items && (offers.items.length === 0 ? <p className="empty">{t('account.noOffers')}</p> : (
        <ul className="plain-list" aria-labelledby="acc-offers">{offers.items.map((o) => <li key={o.id}>{o.summary} · <strong>{offerStatus(o.status ?? '')}</strong> · {formatDateTime(o.createdAt)} · {postLink(o.post)}</li>)}</ul>
      ))}
      {offers.more && <button type="button" className="button button--small button--secondary" onClick={offers.more}>{t('account.more')}</button>}
      <h3 id="acc-pledges">{t('account.myPledges')}</h3>
      {pledges.error && <p className="field__error" role="alert">{pledges.error}</p>}
      {pledges.items && (pledges.items.length === 0 ? <p className="empty">{t('account.noPledges')}</p> : (
        <ul className="plain-list" aria-labelledby="acc-pledges">
          {pledges.items.map((p) => (
            <li key={p.id}>
              {t(p.type === 'interest' ? 'account.pledgeType.interest' : 'account.pledgeType.pledge')}
              {p.amount && ` · ${money(p.amount, p.currency ?? null)}`}
              {p.status && <> · <strong>{pledgeStatus(p.status)}</strong></>} · {formatDateTime(p.createdAt)} · {postLink(p.post)}
            </li>
          ))}
        </ul>
      ))}
      {pledges.more && <button type="button" className="button button--small button--secondary" onClick={pledges.more}>{t('account.more')}</button>}
    </section>
  );
}

function DataSection({ profile, reload }: { profile: Profile; reload: () => void }) {
  const t = useT();
  const action = useAction();
  return (
    <section aria-labelledby="acc-data">
      <h2 id="acc-data">{t('account.data')}</h2>
      <p><a href="/api/v1/me/data" download>{t('account.download')}</a></p>
      {profile.deletionRequestedAt ? (
        <p>{t('account.deletionRequested', { when: formatDateTime(profile.deletionRequestedAt) })}</p>
      ) : (
        <button type="button" className="button button--secondary" onClick={() => void action.run(async () => { await api.post('/api/v1/me/deletion-request', {}); reload(); })}>{t('account.requestDeletion')}</button>
      )}
      {action.error && <p className="field__error" role="alert">{action.error}</p>}
    </section>
  );
}

export const accountErrorText = (e: unknown) => (isApiError(e) ? e.detail : String(e));
