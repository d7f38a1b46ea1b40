// /self-assessment: a government rates the measures of the Framework for Action (saved as a
// jointly edited draft; a save over measures a colleague changed meanwhile is refused and shown,
// with the user's values kept), submits dated versions and compares them, decides who sees them,
// and turns gaps into requests for technical assistance whose offers come back on the measure.
// Everyone else sees the needs governments marked, within their rights.
// /self-assessment/organizations/:id shows a government's latest submitted version to whom it is shared with.
import { useMemo, useState } from 'react';
import { Link, useParams } from 'wouter';
import { ApiError, api, request } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { useMe } from '../auth/session.js';
import { formatDate, useT, type MessageKey } from '../i18n/i18n.js';
import { useNotice } from '../layout/notice.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { FRAMEWORK_PILLARS, MEASURES, PRIORITIES, RATING_STATUSES, SHARING_SCOPES, mayAskForAssistance, type SharingScope } from '../../shared/framework.js';
import { PrivacyWarning, findingsOf, usePrivacyGuard } from '../moderation/privacy-warning.js';
import { NeedsSection } from './needs-section.js';
import type { Draft, EvidenceDocument, LinkedRequest, Rating, RatingChange, VersionDetail, VersionSummary } from './types.js';
import './self-assessment.css';
import { OrgLink, withLinks } from '../organizations/org-link.js';

const statusKey = (s: string) => `sa.status.${s}` as MessageKey;
/** A rating as the API takes it: the cited document as `document` (null: none). */
const toInput = (r: Rating | undefined) => (r ? { status: r.status, priority: r.priority, note: r.note, document: r.documentId ?? null } : null);
/** The measure whose note a privacy finding is about (`ratings.<measure>.note`). */
const noteMeasure = (field: string) => /^ratings\.(.+)\.note$/.exec(field)?.[1] ?? null;

function RequestList({ requests }: { requests: LinkedRequest[] }) {
  const t = useT();
  return (
    <div className="sa-requests">
      <h4>{t('sa.requests')}</h4>
      <ul>
        {requests.map((r) => (
          <li key={r.postId}>
            <Link href={`/posts/${r.postId}`}>{r.title}</Link> · {t('sa.requestStatus', { status: t(`postStatus.${r.status}`) })} · {t('sa.offers', { count: r.offers.length })}
            {r.offers.length === 0 ? (
              <p className="muted">{t('sa.noOffers')}</p>
            ) : (
              <ul>
                {r.offers.map((o) => (
                  <li key={o.id}>{withLinks(t, 'sa.offerFrom', { summary: o.summary, status: t(`offerStatus.${o.status}`) }, { organization: <OrgLink organization={o.organization} /> })}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ChangesTable({ changes, caption, documents }: { changes: RatingChange[]; caption: string; documents: Record<string, EvidenceDocument> }) {
  const t = useT();
  const cited = (r: Rating) => (r.documentId && documents[r.documentId] ? ` (${t('sa.document.cited')} ${documents[r.documentId]!.title})` : '');
  const show = (r: Rating | null) => (r ? `${t(statusKey(r.status))}, ${t(`sa.priority.${r.priority}` as MessageKey)}${r.note ? ` – ${r.note}` : ''}${cited(r)}` : t('sa.status.unrated'));
  if (changes.length === 0) return <p>{t('sa.changesNone')}</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sa.changes.measure')}</th>
            <th scope="col">{t('sa.changes.before')}</th>
            <th scope="col">{t('sa.changes.after')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.measure}>
              <th scope="row">{c.measure}</th>
              <td>{show(c.from)}</td>
              <td>{show(c.to)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Versions({ organizationId, reloadKey }: { organizationId: string; reloadKey: number }) {
  const t = useT();
  const list = useResource<{ items: VersionSummary[] }>(`/api/v1/organizations/${organizationId}/self-assessment/versions?r=${reloadKey}`);
  const [chosen, setChosen] = useState<number | null>(null);
  const detail = useResource<VersionDetail>(chosen ? `/api/v1/organizations/${organizationId}/self-assessment/versions/${chosen}` : null);
  if (list.status === 'loading') return <Loading />;
  if (list.status === 'error') return <LoadError error={list.error} retry={list.reload} />;
  if (list.data.items.length === 0) return <p className="muted">{t('sa.noVersions')}</p>;
  return (
    <>
      <ul className="sa-versions">
        {list.data.items.map((v) => (
          <li key={v.version}>
            {t('sa.versionLine', { version: v.version, date: formatDate(v.submittedAt), name: v.submittedBy.name })}{' '}
            {v.version > 1 && (
              <button type="button" className="button button--small button--secondary" aria-pressed={chosen === v.version} onClick={() => setChosen(v.version)}>
                {t('sa.compareWith', { version: v.version, other: v.version - 1 })}
              </button>
            )}{' '}
            <a href={`/api/v1/organizations/${organizationId}/self-assessment.csv?version=${v.version}`}>{t('sa.csvOf', { version: v.version })}</a>{' '}
            <a href={`/api/v1/organizations/${organizationId}/self-assessment.pdf?version=${v.version}`}>{t('sa.pdfOf', { version: v.version })}</a>
          </li>
        ))}
      </ul>
      {chosen && detail.status === 'ready' && detail.data.comparedTo && (
        <section aria-labelledby="sa-compare-heading">
          <h3 id="sa-compare-heading">{t('sa.compare')}</h3>
          <ChangesTable changes={detail.data.changes} documents={detail.data.documents} caption={t('sa.compareWith', { version: detail.data.version, other: detail.data.comparedTo.version })} />
        </section>
      )}
      {chosen && detail.status === 'error' && <LoadError error={detail.error} retry={detail.reload} />}
    </>
  );
}

function Sharing({ draft, onSaved }: { draft: Draft; onSaved: (sharing: Draft['sharing']) => void }) {
  const t = useT();
  const notice = useNotice();
  const orgs = useResource<{ items: { id: string; name: string; category: string }[] }>(draft.permissions.share ? '/api/v1/organizations' : null);
  const [scope, setScope] = useState<SharingScope>(draft.sharing.scope);
  const [named, setNamed] = useState<string[]>(draft.sharing.organizations.map((o) => o.id));
  const [error, setError] = useState<string | null>(null);
  if (!draft.permissions.share) return <p>{t('sa.sharing.onlyFocalPoint', { scope: t(`sa.sharing.${draft.sharing.scope}`) })}</p>;
  const candidates = orgs.status === 'ready' ? orgs.data.items.filter((o) => (o.category === 'government' || o.category === 'intergovernmental') && o.id !== draft.organization.id) : [];
  async function save() {
    setError(null);
    try {
      const result = await request<Draft['sharing']>('PUT', `/api/v1/organizations/${draft.organization.id}/self-assessment/sharing`, { scope, ...(scope === 'organizations' ? { organizationIds: named } : {}) });
      onSaved(result);
      notice.show(t('sa.sharing.saved'));
    } catch (caught) {
      setError(caught instanceof ApiError ? [caught.detail, ...Object.values(caught.fieldErrors)].join(' ') : String(caught));
    }
  }
  return (
    <form className="sa-sharing" onSubmit={(e) => (e.preventDefault(), void save())}>
      <fieldset className="field">
        <legend>{t('sa.sharing')}</legend>
        <p className="field__hint">{t('sa.sharing.hint')}</p>
        {SHARING_SCOPES.map((s) => (
          <div className="radio" key={s}>
            <input type="radio" id={`sa-scope-${s}`} name="scope" value={s} checked={scope === s} onChange={() => setScope(s)} />
            <label htmlFor={`sa-scope-${s}`}>{t(`sa.sharing.${s}`)}</label>
          </div>
        ))}
      </fieldset>
      {scope === 'organizations' && (
        <fieldset className="field checkboxes">
          <legend>{t('sa.sharing.organizations')}</legend>
          <div className="checkboxes__list">
            {candidates.map((o) => (
              <div className="checkbox" key={o.id}>
                <input type="checkbox" id={`sa-share-${o.id}`} checked={named.includes(o.id)} onChange={(e) => setNamed((n) => (e.target.checked ? [...n, o.id] : n.filter((x) => x !== o.id)))} />
                <label htmlFor={`sa-share-${o.id}`}>{o.name}</label>
              </div>
            ))}
          </div>
        </fieldset>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--secondary">
        {t('sa.sharing.save')}
      </button>
    </form>
  );
}

interface Conflict {
  currentRevision: number;
  changes: RatingChange[];
  revisionsSince: { revision: number; editedBy: { name: string } }[];
}

function Editor({ initial }: { initial: Draft }) {
  const t = useT();
  const notice = useNotice();
  const [draft, setDraft] = useState(initial);
  const [values, setValues] = useState<Record<string, Rating | undefined>>(initial.ratings);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  // The victim-privacy guard (issue 16): a note that looks like personal data is refused until confirmed.
  const privacy = usePrivacyGuard();
  const [versionsKey, setVersionsKey] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  // The library, to cite a document as evidence (only for those who edit).
  const library = useResource<{ items: EvidenceDocument[] }>(draft.permissions.edit ? '/api/v1/documents?library=true&limit=100' : null);
  const providers = useResource<{ items: { organization: { id: string; name: string }; summary: string }[] }>(open ? `/api/v1/organizations/${draft.organization.id}/self-assessment/measures/${open}/providers` : null);
  const editable = draft.permissions.edit;

  const dirty = useMemo(() => MEASURES.map((m) => m.code).filter((code) => JSON.stringify(values[code] ?? null) !== JSON.stringify(draft.ratings[code] ?? null)), [values, draft]);

  function set(code: string, patch: Partial<Rating>) {
    setValues((v) => {
      const before = v[code];
      if (patch.status === ('' as never)) {
        const next = { ...v };
        delete next[code];
        return next;
      }
      return { ...v, [code]: { status: before?.status ?? 'unknown', priority: before?.priority ?? 'medium', note: before?.note ?? '', ...patch } };
    });
  }

  async function save(revision = draft.revision) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const ratings = Object.fromEntries(dirty.map((code) => [code, toInput(values[code])]));
      const saved = await request<Draft>('PUT', `/api/v1/organizations/${draft.organization.id}/self-assessment`, { revision, ratings, ...privacy.extra });
      setDraft(saved);
      setValues(saved.ratings);
      setConflict(null);
      privacy.reset();
      notice.show(t('sa.saved', { revision: saved.revision }));
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 409 && caught.slug === 'stale-revision') {
        setConflict(caught.extensions as unknown as Conflict);
      } else if (findingsOf(caught)) {
        privacy.capture(caught);
      } else {
        setError(caught instanceof ApiError ? [caught.detail, ...Object.entries(caught.fieldErrors).map(([f, d]) => `${f}: ${d}`)].join(' ') : String(caught));
      }
    } finally {
      setBusy(false);
    }
  }

  async function submit() {
    setError(null);
    try {
      const v = await api.post<VersionSummary>(`/api/v1/organizations/${draft.organization.id}/self-assessment/submit`, { revision: draft.revision });
      notice.show(t('sa.submitted', { version: v.version }));
      setDraft((d) => ({ ...d, latestVersion: { version: v.version, submittedAt: v.submittedAt } }));
      setVersionsKey((k) => k + 1);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.detail : String(caught));
    }
  }

  return (
    <>
      <p>{t('sa.intro')}</p>
      {draft.notesHidden && (
        <p className="callout callout--warning" role="status">
          {t('sa.notesHidden')}
        </p>
      )}
      <p className="muted">{draft.updatedAt && draft.updatedBy ? t('sa.revision', { revision: draft.revision, date: formatDate(draft.updatedAt), name: draft.updatedBy.name }) : t('sa.neverSaved')}</p>
      <p className="no-print">
        <Link href="/self-assessment/trends">{t('sa.trends.link')}</Link>
      </p>
      {conflict && (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2>{t('sa.stale.title')}</h2>
          <p>{t('sa.stale.detail')}</p>
          <ul>
            {conflict.changes.map((c) => (
              <li key={c.measure}>{t('sa.stale.change', { measure: c.measure, status: c.to ? t(statusKey(c.to.status)) : t('sa.status.unrated') })}</li>
            ))}
          </ul>
          <p>
            <button type="button" className="button button--secondary" onClick={() => void save(conflict.currentRevision)}>
              {t('sa.stale.keepMine')}
            </button>{' '}
            <button type="button" className="button button--secondary" onClick={() => window.location.reload()}>
              {t('sa.stale.takeTheirs')}
            </button>
          </p>
        </div>
      )}
      {FRAMEWORK_PILLARS.map((pillar) => (
        <section key={pillar.code} className="sa-pillar" aria-labelledby={`sa-pillar-${pillar.code}`}>
          <h2 id={`sa-pillar-${pillar.code}`}>
            {pillar.name} <span className="muted">({t('sa.pillarCount', { count: pillar.measures.length })})</span>
          </h2>
          {pillar.measures.map((m) => {
            const value = values[m.code];
            const saved = draft.ratings[m.code];
            const requests = draft.requests[m.code] ?? [];
            const id = `sa-${m.code}`;
            return (
              <fieldset key={m.code} className="sa-measure" id={id}>
                <legend>
                  <span className="sa-code">{m.code}</span> {m.text}
                </legend>
                <p className="muted sa-source">{t('sa.source', { source: m.source })}</p>
                <div className="sa-fields">
                  <div className="field">
                    <label htmlFor={`${id}-status`}>{t('sa.status')}</label>
                    <select id={`${id}-status`} value={value?.status ?? ''} disabled={!editable} onChange={(e) => set(m.code, { status: e.target.value as Rating['status'] })}>
                      <option value="">{t('sa.status.unrated')}</option>
                      {RATING_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {t(statusKey(s))}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-priority`}>{t('sa.priority')}</label>
                    <select id={`${id}-priority`} value={value?.priority ?? 'medium'} disabled={!editable || !value} onChange={(e) => set(m.code, { priority: e.target.value as Rating['priority'] })}>
                      {PRIORITIES.map((p) => (
                        <option key={p} value={p}>
                          {t(`sa.priority.${p}` as MessageKey)}
                        </option>
                      ))}
                    </select>
                  </div>
                </div>
                <div className="field">
                  <label htmlFor={`${id}-note`}>{t('sa.note')}</label>
                  <textarea id={`${id}-note`} rows={2} maxLength={2000} value={value?.note ?? ''} disabled={!editable || !value} onChange={(e) => set(m.code, { note: e.target.value })} />
                </div>
                {editable ? (
                  <div className="field">
                    <label htmlFor={`${id}-document`}>{t('sa.document')}</label>
                    <select id={`${id}-document`} value={value?.documentId ?? ''} disabled={!value} onChange={(e) => set(m.code, { documentId: e.target.value || undefined })}>
                      <option value="">{t('sa.document.none')}</option>
                      {/* The cited document, even if the library list does not hold it (beyond the first 100). */}
                      {value?.documentId && draft.documents[value.documentId] && !(library.status === 'ready' && library.data.items.some((d) => d.id === value.documentId)) && (
                        <option value={value.documentId}>{draft.documents[value.documentId]!.title}</option>
                      )}
                      {library.status === 'ready' &&
                        library.data.items.map((d) => (
                          <option key={d.id} value={d.id}>
                            {d.title}
                          </option>
                        ))}
                    </select>
                  </div>
                ) : null}
                {saved?.documentId && draft.documents[saved.documentId] && (
                  <p className="sa-evidence">
                    {t('sa.document.cited')} <Link href={`/library?document=${saved.documentId}`}>{draft.documents[saved.documentId]!.title}</Link>
                  </p>
                )}
                {saved && mayAskForAssistance(saved) && draft.permissions.requestAssistance && (
                  <p className="no-print">
                    <Link href={`/posts/new?measure=${encodeURIComponent(m.code)}`} className="button button--small button--secondary">
                      {t('sa.ask')}
                    </Link>{' '}
                    <button type="button" className="button button--small button--secondary" aria-expanded={open === m.code} onClick={() => setOpen(open === m.code ? null : m.code)}>
                      {t('sa.providers')}
                    </button>
                  </p>
                )}
                {open === m.code && providers.status === 'ready' && (
                  <div className="sa-providers no-print">
                    {providers.data.items.length === 0 ? (
                      <p className="muted">{t('sa.providersNone')}</p>
                    ) : (
                      <ul>
                        {providers.data.items.slice(0, 5).map((p) => (
                          <li key={p.organization.id}>
                            <Link href={`/organizations/${p.organization.id}`}>{p.organization.name}</Link>
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                )}
                {requests.length > 0 && <RequestList requests={requests} />}
              </fieldset>
            );
          })}
        </section>
      ))}
      {editable && (
        <div className="sa-actions no-print">
          {dirty.length > 0 && <p aria-live="polite">{t('sa.unsaved', { count: dirty.length })}</p>}
          <PrivacyWarning guard={privacy} label={(field) => noteMeasure(field) && t('sa.noteOf', { measure: noteMeasure(field)! })} />
          {error && (
            <p className="field__error" role="alert">
              {error}
            </p>
          )}
          <button type="button" className="button button--primary" onClick={() => void save()} aria-disabled={busy || dirty.length === 0 || undefined}>
            {busy ? t('sa.saving') : t('sa.save')}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => (dirty.length > 0 ? setError(t('sa.submitSaveFirst')) : void submit())}>
            {t('sa.submit')}
          </button>
          <p className="muted">{t('sa.submitHint')}</p>
        </div>
      )}
      <section aria-labelledby="sa-versions-heading" className="no-print">
        <h2 id="sa-versions-heading">{t('sa.versions')}</h2>
        <Versions organizationId={draft.organization.id} reloadKey={versionsKey} />
      </section>
      <section aria-labelledby="sa-sharing-heading" className="no-print">
        <h2 id="sa-sharing-heading">{t('sa.sharing')}</h2>
        <Sharing draft={draft} onSaved={(sharing) => setDraft((d) => ({ ...d, sharing }))} />
      </section>
      <section aria-labelledby="sa-export-heading" className="no-print">
        <h2 id="sa-export-heading">{t('sa.export')}</h2>
        <p>
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            {t('sa.print')}
          </button>{' '}
          <a href={`/api/v1/organizations/${draft.organization.id}/self-assessment.csv`}>{t('sa.csv')}</a>{' '}
          <a href={`/api/v1/organizations/${draft.organization.id}/self-assessment.pdf`}>{t('sa.pdf')}</a>
        </p>
      </section>
    </>
  );
}

export function SelfAssessmentPage() {
  const t = useT();
  const me = useMe();
  const isGovernment = me.organization.category === 'government';
  const draft = useResource<Draft>(isGovernment ? `/api/v1/organizations/${me.organization.id}/self-assessment` : null);
  return (
    <Page title={t('sa.title')}>
      {!isGovernment && (
        <>
          <p>{t('sa.notGovernment')}</p>
          <p>
            <Link href="/self-assessment/trends">{t('sa.trends.link')}</Link>
          </p>
          <NeedsSection />
        </>
      )}
      {isGovernment && draft.status === 'loading' && <Loading />}
      {isGovernment && draft.status === 'error' && <LoadError error={draft.error} retry={draft.reload} />}
      {isGovernment && draft.status === 'ready' && <Editor initial={draft.data} />}
    </Page>
  );
}

/** A government's latest submitted version, for whom it is shared with (and the organizers). */
export function SharedAssessmentPage() {
  const t = useT();
  const { id } = useParams<{ id: string }>();
  const list = useResource<{ organization: { name: string }; items: VersionSummary[] }>(`/api/v1/organizations/${encodeURIComponent(id)}/self-assessment/versions`);
  const latest = list.status === 'ready' ? list.data.items[0] : undefined;
  const detail = useResource<VersionDetail>(latest ? `/api/v1/organizations/${encodeURIComponent(id)}/self-assessment/versions/${latest.version}` : null);
  const name = list.status === 'ready' ? list.data.organization.name : '';
  return (
    <Page title={name ? t('sa.view.title', { name }) : t('sa.title')}>
      <p>
        <Link href="/self-assessment">{t('sa.backToNeeds')}</Link>
      </p>
      {name && <p>{`${t('sa.view.organization')}: `}<OrgLink organization={{ id, name }} /></p>}
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' && !latest && <p>{t('sa.noVersions')}</p>}
      {detail.status === 'ready' && (
        <>
          <p>{t('sa.view.latest', { version: detail.data.version, date: formatDate(detail.data.submittedAt) })}</p>
          {detail.data.notesHidden && <p className="muted">{t('sa.view.notesHidden')}</p>}
          {FRAMEWORK_PILLARS.map((p) => (
            <section key={p.code} aria-labelledby={`sv-${p.code}`}>
              <h2 id={`sv-${p.code}`}>{p.name}</h2>
              <ul className="sa-readonly">
                {p.measures.map((m) => {
                  const r = detail.data.ratings[m.code];
                  return (
                    <li key={m.code}>
                      <strong>{m.code}</strong> {m.text} — {r ? `${t(statusKey(r.status))}, ${t(`sa.priority.${r.priority}` as MessageKey)}${r.note ? `: ${r.note}` : ''}` : t('sa.status.unrated')}
                      {r?.documentId && detail.data.documents[r.documentId] && (
                        <>
                          {' '}
                          {t('sa.document.cited')} <Link href={`/library?document=${r.documentId}`}>{detail.data.documents[r.documentId]!.title}</Link>
                        </>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
          {detail.data.comparedTo && (
            <section aria-labelledby="sv-changes">
              <h2 id="sv-changes">{t('sa.compare')}</h2>
              <ChangesTable changes={detail.data.changes} documents={detail.data.documents} caption={t('sa.compareWith', { version: detail.data.version, other: detail.data.comparedTo.version })} />
            </section>
          )}
        </>
      )}
    </Page>
  );
}
