// /account: your profile, password, sessions, two-step sign-in, your data, and your work
// (offers your organization sent, pledges and interests, meetings, conversations).
import { useState } from 'react';
import { Link } from 'wouter';
import { api, currentCsrfToken, isApiError, request } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { useAction } from '../forms/use-action.js';
import { formatDateTime, useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { Avatar } from './directory-page.js';

interface Profile { name: string; title: string | null; email: string; languages: string[]; expertise: string; timeZone: string | null; showEmail: boolean; photoUrl: string | null; twoFactor: { enabled: boolean; recoveryCodesLeft: number; recommended: boolean }; deletionRequestedAt: string | null }
interface SessionItem { id: string; current: boolean; device: string; network: string | null; lastSeenAt: string }
interface WorkItem { id: string; summary?: string; status: string | null; type?: string; amount?: string | null; currency?: string | null; post: { id: string; title: string } | null }

export function AccountPage() {
  const t = useT();
  const profile = useResource<Profile>('/api/v1/me/profile');
  if (profile.status !== 'ready') return <Page title={t('account.title')}>{profile.status === 'error' ? <LoadError error={profile.error} retry={profile.reload} /> : <Loading />}</Page>;
  return (
    <Page title={t('account.title')} width="narrow">
      <ProfileSection profile={profile.data} reload={profile.reload} />
      <PasswordSection />
      <SessionsSection />
      <TwoFactorSection profile={profile.data} reload={profile.reload} />
      <WorkSection />
      <DataSection profile={profile.data} reload={profile.reload} />
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

function TwoFactorSection({ profile, reload }: { profile: Profile; reload: () => void }) {
  const t = useT();
  const [secret, setSecret] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const action = useAction();
  const on = profile.twoFactor.enabled;
  return (
    <section aria-labelledby="acc-2fa">
      <h2 id="acc-2fa">{t('account.twoFactor')}</h2>
      <p>{on ? t('account.twoFactorOn', { count: profile.twoFactor.recoveryCodesLeft }) : t('account.twoFactorOff')} {!on && profile.twoFactor.recommended && t('account.twoFactorRecommended')}</p>
      {codes && (
        <div className="panel" role="status">
          <p>{t('account.recoveryCodes')}</p>
          <ul>{codes.map((c) => <li key={c}><code>{c}</code></li>)}</ul>
        </div>
      )}
      {!on && !secret && <button type="button" className="button button--secondary" onClick={() => void action.run(async () => setSecret((await api.post<{ secret: string }>('/api/v1/me/totp')).secret))}>{t('account.twoFactorStart')}</button>}
      {(secret || on) && (
        <form noValidate onSubmit={(e) => { e.preventDefault(); void action.run(async () => {
          if (on) await fetchJson('DELETE', '/api/v1/me/totp', { code });
          else setCodes((await api.post<{ recoveryCodes: string[] }>('/api/v1/me/totp/confirm', { code })).recoveryCodes);
          setSecret(null); setCode(''); reload();
        }); }}>
          {secret && <p>{t('account.twoFactorSecret')} <code>{secret}</code></p>}
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

function WorkSection() {
  const t = useT();
  const offers = useResource<{ items: WorkItem[] }>('/api/v1/me/offers');
  const pledges = useResource<{ items: WorkItem[] }>('/api/v1/me/pledges');
  const postLink = (p: WorkItem['post']) => (p ? <Link href={`/posts/${p.id}`}>{p.title}</Link> : <span className="muted">{t('account.restrictedPost')}</span>);
  return (
    <section aria-labelledby="acc-work">
      <h2 id="acc-work">{t('account.work')}</h2>
      <p><Link href="/meetings">{t('account.myMeetings')}</Link> · <Link href="/conversations">{t('account.myConversations')}</Link></p>
      <h3>{t('account.myOffers')}</h3>
      {offers.status === 'ready' && (offers.data.items.length === 0 ? <p className="empty">{t('account.noOffers')}</p> : (
        <ul className="plain-list">{offers.data.items.map((o) => <li key={o.id}>{o.summary} · {o.status} · {postLink(o.post)}</li>)}</ul>
      ))}
      <h3>{t('account.myPledges')}</h3>
      {pledges.status === 'ready' && (pledges.data.items.length === 0 ? <p className="empty">{t('account.noPledges')}</p> : (
        <ul className="plain-list">{pledges.data.items.map((p) => <li key={p.id}>{p.type} {p.amount && `· ${p.amount} ${p.currency ?? ''}`} {p.status && `· ${p.status}`} · {postLink(p.post)}</li>)}</ul>
      ))}
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
