// The documents of one item (a post, a project, an offer, a meeting), with a download link for
// each, a report button, and an upload form for those who may add documents.
import { useId, useRef, useState } from 'react';
import { uploadForm } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { useMe } from '../auth/session.js';
import { formatDate, formatNumber, useT } from '../i18n/i18n.js';
import { LoadError, Loading } from '../layout/page.js';
import { PrivacyWarning, usePrivacyGuard } from '../moderation/privacy-warning.js';
import { ReportButton } from '../moderation/report-button.js';
import type { DocumentList, DocumentSummary } from '../moderation/types.js';
import type { DocumentAttachType } from '../../shared/moderation.js';
import { useAction } from '../forms/use-action.js';
import { OrgLink } from '../organizations/org-link.js';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 1024))} KB`;
  return `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
}

export function DocumentItem({ doc, showSnippet = false }: { doc: DocumentSummary; showSnippet?: boolean }) {
  const t = useT();
  const me = useMe();
  return (
    <li className="document">
      <p className="document__title">
        <a href={doc.downloadUrl} download aria-label={t('documents.download', { name: doc.title })}>
          {doc.title}
        </a>
        {doc.isDemo && <span className="badge">{t('documents.demo')}</span>}
      </p>
      <p className="muted small">
        {t('documents.meta', { format: doc.format.toUpperCase(), size: formatSize(doc.sizeBytes), version: doc.version, date: formatDate(doc.createdAt) })} · {t(`docType.${doc.docType}`)} · <OrgLink organization={doc.organization} />
        {doc.library?.audience === 'full' && ` · ${t('library.audience.full')}`}
      </p>
      {doc.hidden && <p className="muted">{t('documents.hiddenNote', { reason: doc.hidden.reason })}</p>}
      {/* Escaped by the server, with <mark> around matches. */}
      {showSnippet && doc.snippet && <p className="document__snippet" dangerouslySetInnerHTML={{ __html: doc.snippet }} />}
      <ReportButton type="document" id={doc.id} authorId={doc.uploadedBy.id} meId={me.id} />
    </li>
  );
}

export function UploadForm({ fields, onUploaded, legend }: { fields: Record<string, string>; onUploaded: (doc: DocumentSummary) => void; legend: string }) {
  const t = useT();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const privacy = usePrivacyGuard();
  const { busy, error, run } = useAction();
  return (
    <form
      className="panel upload-form"
      aria-label={legend}
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => {
          const file = fileRef.current?.files?.[0];
          if (!file) throw new Error(t('validation.required', { name: t('documents.file') }));
          const form = new FormData();
          for (const [key, value] of Object.entries(fields)) form.append(key, value);
          if (title.trim()) form.append('title', title.trim());
          if (privacy.confirmed) form.append('confirmNoVictimData', 'true');
          form.append('file', file);
          try {
            const doc = await uploadForm<DocumentSummary>('/api/v1/documents', form);
            privacy.reset();
            setTitle('');
            if (fileRef.current) fileRef.current.value = '';
            onUploaded(doc);
          } catch (caught) {
            // The warning shows what was found and asks to confirm; the API's own sentence would repeat it.
            if (!privacy.capture(caught)) throw caught;
          }
        });
      }}
    >
      <h3>{legend}</h3>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('documents.file')}</label>
        <p className="field__hint" id={`${id}-hint`}>
          {t('documents.fileHint')}
        </p>
        <input id={`${id}-file`} type="file" ref={fileRef} aria-describedby={`${id}-hint`} accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg" />
      </div>
      {!fields.library && (
        <div className="field">
          <label htmlFor={`${id}-title`}>{t('documents.title')}</label>
          <input id={`${id}-title`} value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />
        </div>
      )}
      <PrivacyWarning guard={privacy} />
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
        {busy ? t('common.sending') : t('documents.upload')}
      </button>
    </form>
  );
}

export function DocumentsSection({ attachType, attachId, canAdd }: { attachType: DocumentAttachType; attachId: string; canAdd: boolean }) {
  const t = useT();
  const list = useResource<DocumentList>(`/api/v1/documents?attachId=${encodeURIComponent(attachId)}&limit=100`);
  return (
    <section aria-labelledby="documents-heading" className="documents">
      <h2 id="documents-heading">{t('documents.heading')}</h2>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.items.length === 0 ? (
          <p className="muted">{t('documents.empty')}</p>
        ) : (
          <ul className="document-list">
            {list.data.items.map((doc) => (
              <DocumentItem key={doc.id} doc={doc} />
            ))}
          </ul>
        ))}
      {canAdd && <UploadForm fields={{ attachTo: JSON.stringify({ type: attachType, id: attachId }) }} legend={t('documents.add')} onUploaded={(doc) => list.setData((d) => ({ ...d, items: [doc, ...d.items], total: d.total + 1 }))} />}
    </section>
  );
}
