// The library (/library): the organizers' curated publications, searched over titles and
// extracted text, filtered by theme, region, technical-assistance area and type, newest first.
// Organizers add documents here with their own audience.
import { useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { api } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { useMe } from '../auth/session.js';
import { SelectField, TextField } from '../forms/fields.js';
import { useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { useTaxonomy } from '../exchange/taxonomy.js';
import { DOCUMENT_TYPES } from '../../shared/moderation.js';
import type { DocumentList } from '../moderation/types.js';
import { DocumentItem, UploadForm } from './documents-section.js';

const FILTERS = ['q', 'theme', 'area', 'region', 'type'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

function LibraryUpload({ onUploaded }: { onUploaded: () => void }) {
  const t = useT();
  const [meta, setMeta] = useState({ title: '', audience: 'all', docType: 'report', description: '' });
  const bind = (name: keyof typeof meta, label: string) => ({ id: `library-${name}`, name, label, value: meta[name], error: undefined, onChange: (value: string) => setMeta((m) => ({ ...m, [name]: value })) });
  return (
    <details className="panel library-upload">
      <summary>{t('library.add')}</summary>
      <TextField {...bind('title', t('documents.title').replace(/ \(.*\)$/, ''))} required maxLength={200} />
      <TextField {...bind('description', t('library.description'))} maxLength={2000} />
      <SelectField {...bind('audience', t('library.audience'))} placeholder={t('common.choose')} options={[{ value: 'all', label: t('audience.all.explained') }, { value: 'full', label: t('library.audience.full') }]} />
      <SelectField {...bind('docType', t('library.type'))} placeholder={t('common.choose')} options={DOCUMENT_TYPES.map((d) => ({ value: d, label: t(`docType.${d}`) }))} />
      <UploadForm
        legend={t('library.add')}
        fields={{ library: JSON.stringify({ title: meta.title.trim(), audience: meta.audience, docType: meta.docType, ...(meta.description.trim() ? { description: meta.description.trim() } : {}) }) }}
        onUploaded={onUploaded}
      />
    </details>
  );
}

export function LibraryPage() {
  const t = useT();
  const me = useMe();
  const search = useSearch();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const current: Filters = { q: params.get('q') ?? '', theme: params.get('theme') ?? '', area: params.get('area') ?? '', region: params.get('region') ?? '', type: params.get('type') ?? '' };
  const [draft, setDraft] = useState<Filters>(current);
  const [pages, setPages] = useState<DocumentList[]>([]);
  const query = new URLSearchParams({ library: 'true', limit: '20' });
  for (const key of FILTERS) if (current[key]) query.set(key, current[key]);
  const list = useResource<DocumentList>(`/api/v1/documents?${query.toString()}`);
  const taxonomy = useTaxonomy();
  const field = (name: keyof Filters, label: string) => ({ id: `filter-${name}`, name, label, value: draft[name], error: undefined, onChange: (value: string) => setDraft((d) => ({ ...d, [name]: value })) });

  function apply(event: React.FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const key of FILTERS) if (draft[key].trim()) next.set(key, draft[key].trim());
    setPages([]);
    navigate(`/library${next.size ? `?${next.toString()}` : ''}`);
  }

  async function more(cursor: string) {
    const page = await api.get<DocumentList>(`/api/v1/documents?${query.toString()}&cursor=${encodeURIComponent(cursor)}`);
    setPages((p) => [...p, page]);
  }

  const all = list.status === 'ready' ? [list.data, ...pages] : [];
  const nextCursor = all.at(-1)?.nextCursor ?? null;
  const tx = taxonomy.status === 'ready' ? taxonomy.data : null;
  return (
    <Page title={t('library.title')}>
      <p className="lead">{t('library.intro')}</p>
      {me.role === 'organizer' && <LibraryUpload onUploaded={() => list.reload()} />}
      <form className="filters library-filters" role="search" onSubmit={apply}>
        <TextField {...field('q', t('library.search'))} maxLength={200} />
        {tx && (
          <>
            <SelectField {...field('theme', t('library.theme'))} placeholder={t('library.any')} options={tx.themes.map((x) => ({ value: x.code, label: x.label }))} />
            <SelectField {...field('area', t('library.area'))} placeholder={t('library.any')} options={tx.areas.map((x) => ({ value: x.code, label: x.label }))} />
            <SelectField {...field('region', t('library.region'))} placeholder={t('library.any')} options={tx.regions.filter((r) => !r.parent || r.parent === '001').map((r) => ({ value: r.code, label: r.name }))} />
          </>
        )}
        <SelectField {...field('type', t('library.type'))} placeholder={t('library.any')} options={DOCUMENT_TYPES.map((d) => ({ value: d, label: t(`docType.${d}`) }))} />
        <button type="submit" className="button button--primary">
          {t('library.apply')}
        </button>
      </form>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' && (
        <section aria-label={t('library.title')}>
          <p className="results__total" role="status">
            {list.data.total === 0 ? t('library.none') : t('library.count', { count: list.data.total })}
          </p>
          <ul className="document-list">
            {all.flatMap((p) => p.items).map((doc) => (
              <DocumentItem key={doc.id} doc={doc} showSnippet={Boolean(current.q)} />
            ))}
          </ul>
          {nextCursor && (
            <button type="button" className="button button--secondary" onClick={() => void more(nextCursor)}>
              {t('library.more')}
            </button>
          )}
        </section>
      )}
    </Page>
  );
}
