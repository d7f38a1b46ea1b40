// "Tell me about new posts like these": saves the browse filters as a saved search (the server
// mails the user when a new post they may see matches; see src/server/donors/saved-search-job.ts).
import { useState } from 'react';
import { api } from '../api/client.js';
import { ErrorSummary } from '../forms/error-summary.js';
import { SubmitButton, TextField } from '../forms/fields.js';
import { checkRequired, useForm } from '../forms/use-form.js';
import { useT } from '../i18n/i18n.js';
import { useNotice } from '../layout/notice.js';

export function SaveSearch({ filters, suggestedName }: { filters: Record<string, string | string[]>; suggestedName: string }) {
  const t = useT();
  const notice = useNotice();
  const [open, setOpen] = useState(false);
  const specs = { name: { label: t('browse.save.name') } };
  const form = useForm({ name: suggestedName }, specs, { idPrefix: 'save-search-' });
  if (!open) {
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {t('browse.save.open')}
      </button>
    );
  }
  return (
    <form
      noValidate
      className="panel save-search"
      aria-label={t('browse.save.formLabel')}
      onSubmit={(event) =>
        void form.submit(
          event,
          async (values) => {
            await api.post('/api/v1/saved-searches', { name: values.name.trim(), scope: 'posts', filters });
            notice.show(t('browse.save.saved', { name: values.name.trim() }));
            setOpen(false);
          },
          { validate: (values) => checkRequired(values, specs, ['name']) },
        )
      }
    >
      <ErrorSummary problem={form.problem} attempt={form.attempt} />
      <TextField {...form.field('name')} required maxLength={120} hint={t('browse.save.hint')} />
      <div className="button-row">
        <SubmitButton busy={form.submitting}>{t('browse.save.submit')}</SubmitButton>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
