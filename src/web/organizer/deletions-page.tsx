// /organizer/deletions (issue 12): the organizers' queue of people who asked for their account and
// personal data to be deleted. Deleting erases the person's name, e-mail and profile; their writing
// stays, shown as by "Former participant".
import { useId, useState } from 'react';
import { api, isApiError } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { formatDateTime, useT } from '../i18n/i18n.js';
import { useNotice } from '../layout/notice.js';
import { LoadError, Loading, Page } from '../layout/page.js';

interface DeletionRequest { id: string; user: { id: string; name: string; email: string }; organization: string; note: string; requestedAt: string }

export function DeletionsPage() {
  const t = useT();
  const list = useResource<{ items: DeletionRequest[] }>('/api/v1/deletion-requests');
  return (
    <Page title={t('deletions.title')}>
      <p className="lead">{t('deletions.intro')}</p>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.items.length === 0 ? (
          <p className="empty">{t('deletions.empty')}</p>
        ) : (
          <div className="cards">
            {list.data.items.map((r) => (
              <DeletionCard key={r.id} request={r} onDone={() => list.setData((d) => ({ items: d.items.filter((i) => i.id !== r.id) }))} />
            ))}
          </div>
        ))}
    </Page>
  );
}

function DeletionCard({ request, onDone }: { request: DeletionRequest; onDone: () => void }) {
  const t = useT();
  const notice = useNotice();
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  async function complete() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/v1/deletion-requests/${encodeURIComponent(request.id)}/complete`, {});
      notice.show(t('deletions.done', { name: request.user.name }));
      onDone();
    } catch (caught) {
      setError(isApiError(caught) ? caught.detail : String(caught));
    } finally {
      setBusy(false);
    }
  }
  return (
    <article className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card__title">{request.user.name}</h2>
      <p className="muted">{`${request.organization} · ${request.user.email}`}</p>
      <p>{t('deletions.requested', { when: formatDateTime(request.requestedAt) })}</p>
      {request.note && (
        <p>
          <strong>{t('deletions.note')}:</strong> {request.note}
        </p>
      )}
      {error && <p className="field__error" role="alert">{error}</p>}
      {confirming ? (
        <div role="group" aria-label={t('deletions.confirm', { name: request.user.name })}>
          <p>{t('deletions.confirm', { name: request.user.name })}</p>
          <button type="button" className="button button--danger" disabled={busy} onClick={() => void complete()}>
            {t('deletions.yes')}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            {t('deletions.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
          {t('deletions.complete', { name: request.user.name })}
        </button>
      )}
    </article>
  );
}
