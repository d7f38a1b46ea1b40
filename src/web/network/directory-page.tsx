// /directory: the organizations and people taking part, searchable as you type. Every name links to
// the organization's page; counts are of the posts the reader may see.
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api, isApiError } from '../api/client.js';
import { labels, useTaxonomy } from '../exchange/taxonomy.js';
import { formatCountry, useT } from '../i18n/i18n.js';
import { Loading, Page } from '../layout/page.js';
import { ORGANIZATION_CATEGORIES, type OrganizationCategory } from '../../shared/participants.js';
import { initials } from './initials.js';

interface DirOrg { id: string; name: string; category: OrganizationCategory; country: string; logoUrl: string | null; summary: string; areas: string[]; themes: string[]; languages: string[]; posts: number; projects: number }
interface DirPerson { id: string; name: string; title: string | null; organization: { id: string; name: string }; expertise: string; languages: string[]; email: string | null; photoUrl: string | null }
interface ListAnswer<T> { items: T[]; nextCursor: string | null; total: number }


export function Avatar({ url, name }: { url: string | null; name: string }) {
  return url ? <img className="avatar" src={url} alt="" width={48} height={48} /> : <span className="avatar avatar--initials" aria-hidden="true">{initials(name)}</span>;
}

export function DirectoryPage() {
  const t = useT();
  const tax = useTaxonomy();
  const [tab, setTab] = useState<'organizations' | 'people'>('organizations');
  const [q, setQ] = useState('');
  const [category, setCategory] = useState('');
  const [country, setCountry] = useState('');
  const [area, setArea] = useState('');
  const [theme, setTheme] = useState('');
  const [language, setLanguage] = useState('');
  const [data, setData] = useState<ListAnswer<DirOrg | DirPerson> | null>(null);
  const [error, setError] = useState<string | null>(null);

  const query = (cursor?: string) => {
    const p = new URLSearchParams();
    if (q.trim()) p.set('q', q.trim());
    if (category) p.set('category', category);
    if (country) p.set('country', country);
    if (language.trim()) p.set('language', language.trim().toLowerCase());
    if (tab === 'organizations') {
      if (area) p.set('area', area);
      if (theme) p.set('theme', theme);
    }
    if (cursor) p.set('cursor', cursor);
    return `/api/v1/directory/${tab}?${p.toString()}`;
  };

  useEffect(() => {
    const timer = setTimeout(() => {
      api.get<ListAnswer<DirOrg | DirPerson>>(query()).then(
        (answer) => {
          setData(answer);
          setError(null);
        },
        (e: unknown) => setError(isApiError(e) ? e.detail : String(e)),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [tab, q, category, country, area, theme, language]);

  const more = async () => {
    if (!data?.nextCursor) return;
    const next = await api.get<ListAnswer<DirOrg | DirPerson>>(query(data.nextCursor));
    setData({ ...next, items: [...data.items, ...next.items] });
  };
  const l = tax.status === 'ready' ? labels(tax.data) : null;

  return (
    <Page title={t('directory.title')}>
      <div className="tabs" role="group" aria-label={t('directory.tabs')}>
        {(['organizations', 'people'] as const).map((name) => (
          <button key={name} type="button" className={`button button--small ${tab === name ? '' : 'button--secondary'}`} aria-pressed={tab === name} onClick={() => { setData(null); setTab(name); }}>
            {t(`directory.${name}`)}
          </button>
        ))}
      </div>
      <form className="filters directory-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="dir-q">{t('directory.search')}</label>
          <input id="dir-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} aria-describedby="dir-q-hint" />
          <p id="dir-q-hint" className="field__hint">{t('directory.searchHint')}</p>
        </div>
        <div className="field">
          <label htmlFor="dir-category">{t('directory.category')}</label>
          <select id="dir-category" value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('directory.any')}</option>
            {ORGANIZATION_CATEGORIES.map((c) => <option key={c} value={c}>{t(`category.${c}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="dir-country">{t('directory.country')}</label>
          <select id="dir-country" value={country} onChange={(e) => setCountry(e.target.value)}>
            <option value="">{t('directory.any')}</option>
            {tax.status === 'ready' && tax.data.countries.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
          </select>
        </div>
        {tab === 'organizations' && (
          <>
            <div className="field">
              <label htmlFor="dir-area">{t('directory.area')}</label>
              <select id="dir-area" value={area} onChange={(e) => setArea(e.target.value)}>
                <option value="">{t('directory.any')}</option>
                {tax.status === 'ready' && tax.data.areas.map((a) => <option key={a.code} value={a.code}>{a.label}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="dir-theme">{t('directory.theme')}</label>
              <select id="dir-theme" value={theme} onChange={(e) => setTheme(e.target.value)}>
                <option value="">{t('directory.any')}</option>
                {tax.status === 'ready' && tax.data.themes.map((a) => <option key={a.code} value={a.code}>{a.label}</option>)}
              </select>
            </div>
          </>
        )}
        <div className="field">
          <label htmlFor="dir-language">{t('directory.language')}</label>
          <input id="dir-language" value={language} maxLength={3} onChange={(e) => setLanguage(e.target.value)} />
        </div>
      </form>
      {error && <p className="field__error" role="alert">{error}</p>}
      {!data && !error && <Loading />}
      {data && (
        <section aria-live="polite">
          <p className="muted">{tab === 'organizations' ? t('directory.count', { count: data.total }) : t('directory.peopleCount', { count: data.total })}</p>
          {data.items.length === 0 && <p className="empty">{t('directory.empty')}</p>}
          <ul className="directory-list plain-list">
            {tab === 'organizations'
              ? (data.items as DirOrg[]).map((o) => (
                  <li key={o.id} className="directory-card">
                    <Avatar url={o.logoUrl} name={o.name} />
                    <div>
                      <h2 className="directory-card__name"><Link href={`/organizations/${o.id}`}>{o.name}</Link></h2>
                      <p className="muted small">{`${t(`category.${o.category}`)} · ${formatCountry(o.country)}`}</p>
                      {o.summary && <p>{o.summary}</p>}
                      {l && (o.areas.length > 0 || o.themes.length > 0) && <p className="small">{`${t('directory.worksOn')}: ${[...o.areas.map(l.area), ...o.themes.map(l.theme)].join(', ')}`}</p>}
                      {o.languages.length > 0 && <p className="small">{`${t('directory.languages')}: ${o.languages.join(', ')}`}</p>}
                      <p className="small">{t('directory.counts', { posts: o.posts, projects: o.projects })}</p>
                      <Link href={`/conversations/new?to=${o.id}`} className="button button--small button--secondary">{t('directory.write')}</Link>
                    </div>
                  </li>
                ))
              : (data.items as DirPerson[]).map((p) => (
                  <li key={p.id} className="directory-card">
                    <Avatar url={p.photoUrl} name={p.name} />
                    <div>
                      <h2 className="directory-card__name">{p.name}</h2>
                      <p className="small">{[p.title, null].filter(Boolean).join('')} {p.title && '· '}<Link href={`/organizations/${p.organization.id}`}>{p.organization.name}</Link></p>
                      {p.expertise && <p>{p.expertise}</p>}
                      {p.languages.length > 0 && <p className="small">{`${t('directory.languages')}: ${p.languages.join(', ')}`}</p>}
                      <p className="small">{p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : t('directory.emailHidden')}</p>
                      <Link href={`/conversations/new?to=${p.organization.id}`} className="button button--small button--secondary">{t('directory.write')}</Link>
                    </div>
                  </li>
                ))}
          </ul>
          {data.nextCursor && <button type="button" className="button button--secondary" onClick={() => void more()}>{t('directory.more')}</button>}
        </section>
      )}
    </Page>
  );
}
