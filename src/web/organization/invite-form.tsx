// A focal point invites a colleague; the invitation mail holds an activation link (72 hours).
import { useState } from 'react';
import { api } from '../api/client.js';
import { ErrorSummary } from '../forms/error-summary.js';
import { RadioGroupField, RequiredNote, SubmitButton, TextField } from '../forms/fields.js';
import { checkEmail, checkRequired, useForm, type FieldSpec } from '../forms/use-form.js';
import { useT } from '../i18n/i18n.js';

type InviteValues = { name: string; title: string; email: string; role: string };
const EMPTY: InviteValues = { name: '', title: '', email: '', role: 'member' };

export function InviteForm({ organizationId, onInvited }: { organizationId: string; onInvited: () => void }) {
  const t = useT();
  const [sent, setSent] = useState('');
  const specs: Record<keyof InviteValues, FieldSpec> = {
    name: { label: t('invite.name') },
    title: { label: t('invite.jobTitle') },
    email: { label: t('invite.email') },
    role: { label: t('invite.role') },
  };
  const form = useForm<InviteValues>(EMPTY, specs, { idPrefix: 'invite-' });

  function validate(values: InviteValues) {
    const errors = checkRequired(values, specs, ['name', 'title', 'email', 'role']);
    const email = checkEmail(values.email, specs.email.label);
    if (email && !errors.email) errors.email = email;
    return errors;
  }

  async function send(values: InviteValues) {
    setSent('');
    const email = values.email.trim();
    await api.post(`/api/v1/organizations/${encodeURIComponent(organizationId)}/invitations`, {
      name: values.name.trim(),
      title: values.title.trim(),
      email,
      role: values.role,
    });
    form.reset();
    setSent(t('invite.sent', { email }));
    onInvited();
  }

  return (
    <>
      <p>{t('invite.intro')}</p>
      <div role="status" className="notice-region">
        {sent && <p className="notice">{sent}</p>}
      </div>
      <ErrorSummary problem={form.problem} attempt={form.attempt} />
      <form noValidate onSubmit={(event) => void form.submit(event, send, { validate })}>
        <RequiredNote />
        <TextField {...form.field('name')} required autoComplete="off" />
        <TextField {...form.field('title')} required autoComplete="off" />
        <TextField {...form.field('email')} type="email" required autoComplete="off" inputMode="email" spellCheck={false} />
        <RadioGroupField
          {...form.field('role')}
          required
          options={[
            { value: 'member', label: t('role.member'), hint: t('invite.role.member.hint') },
            { value: 'focal_point', label: t('role.focal_point'), hint: t('invite.role.focal_point.hint') },
          ]}
        />
        <SubmitButton busy={form.submitting}>{t('invite.submit')}</SubmitButton>
      </form>
    </>
  );
}
