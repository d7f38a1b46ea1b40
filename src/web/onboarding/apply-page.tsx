// The focal point of an organization applies for it; organizers decide. The answer is the same
// whether or not the email is already known, and so is this page.
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { ORGANIZATION_CATEGORIES } from '../../shared/participants.js';
import { api } from '../api/client.js';
import { ErrorSummary } from '../forms/error-summary.js';
import { RequiredNote, SelectField, SubmitButton, TextAreaField, TextField } from '../forms/fields.js';
import { checkEmail, checkRequired, useForm, type FieldSpec } from '../forms/use-form.js';
import { useT } from '../i18n/i18n.js';
import { Page } from '../layout/page.js';
import { countryOptions } from './countries.js';

type ApplyValues = {
  'organization.name': string;
  'organization.category': string;
  'organization.country': string;
  'organization.website': string;
  'focalPoint.name': string;
  'focalPoint.title': string;
  'focalPoint.email': string;
  motivation: string;
};

const EMPTY: ApplyValues = {
  'organization.name': '',
  'organization.category': '',
  'organization.country': '',
  'organization.website': '',
  'focalPoint.name': '',
  'focalPoint.title': '',
  'focalPoint.email': '',
  motivation: '',
};

// The server's limits for the motivation (it checks again).
const MOTIVATION_MIN = 20;
const MOTIVATION_MAX = 2000;

const REQUIRED = ['organization.name', 'organization.category', 'organization.country', 'focalPoint.name', 'focalPoint.title', 'focalPoint.email', 'motivation'] as const;

/** Adds https:// when someone types "example.org": the server wants a full address. */
function normalizeWebsite(raw: string): string {
  const value = raw.trim();
  if (!value) return '';
  return /^https?:\/\//i.test(value) ? value : `https://${value}`;
}

export function ApplyPage() {
  const t = useT();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const specs: Record<keyof ApplyValues, FieldSpec> = {
    'organization.name': { label: t('apply.orgName') },
    'organization.category': { label: t('apply.category') },
    'organization.country': { label: t('apply.country') },
    'organization.website': { label: t('apply.website'), errorName: t('apply.website.errorName') },
    'focalPoint.name': { label: t('apply.fpName') },
    'focalPoint.title': { label: t('apply.fpTitle') },
    'focalPoint.email': { label: t('apply.fpEmail') },
    motivation: { label: t('apply.motivation'), errorName: t('apply.motivation.errorName') },
  };
  const form = useForm<ApplyValues>(EMPTY, specs);
  const countries = useMemo(() => countryOptions(), []);
  const categories = ORGANIZATION_CATEGORIES.map((code) => ({ value: code, label: t(`category.${code}`) }));

  if (sentTo !== null) {
    return (
      <Page title={t('apply.done.title')} width="narrow">
        <p>{t('apply.done.body', { email: sentTo })}</p>
        <p>{t('apply.done.next')}</p>
        <p>
          <Link href="/">{t('apply.done.back')}</Link>
        </p>
      </Page>
    );
  }

  function validate(values: ApplyValues) {
    const errors = checkRequired(values, specs, [...REQUIRED]);
    const motivation = values.motivation.trim();
    if (motivation && motivation.length < MOTIVATION_MIN) {
      errors.motivation = t('validation.minLength', { name: specs.motivation.errorName ?? specs.motivation.label, min: MOTIVATION_MIN });
    }
    const email = checkEmail(values['focalPoint.email'], specs['focalPoint.email'].label);
    if (email && !errors['focalPoint.email']) errors['focalPoint.email'] = email;
    return errors;
  }

  async function send(values: ApplyValues) {
    const website = normalizeWebsite(values['organization.website']);
    await api.post('/api/v1/applications', {
      organization: {
        name: values['organization.name'].trim(),
        category: values['organization.category'],
        country: values['organization.country'],
        ...(website ? { website } : {}),
      },
      focalPoint: {
        name: values['focalPoint.name'].trim(),
        title: values['focalPoint.title'].trim(),
        email: values['focalPoint.email'].trim(),
      },
      motivation: values.motivation.trim(),
    });
    setSentTo(values['focalPoint.email'].trim());
  }

  return (
    <Page title={t('apply.title')} width="narrow">
      <p className="lead">{t('apply.intro')}</p>
      <p>{t('apply.intro2')}</p>
      <ErrorSummary problem={form.problem} attempt={form.attempt} />
      <form noValidate onSubmit={(event) => void form.submit(event, send, { validate })}>
        <RequiredNote />
        <fieldset className="form-section">
          <legend>{t('apply.section.organization')}</legend>
          <TextField {...form.field('organization.name')} required autoComplete="organization" />
          <SelectField
            {...form.field('organization.category')}
            required
            options={categories}
            placeholder={t('common.choose')}
            hint={t('apply.category.hint')}
          />
          <SelectField {...form.field('organization.country')} required options={countries} placeholder={t('apply.country.choose')} hint={t('apply.country.hint')} autoComplete="country" />
          <TextField {...form.field('organization.website')} type="url" inputMode="url" autoComplete="url" spellCheck={false} hint={t('apply.website.hint')} />
        </fieldset>
        <fieldset className="form-section">
          <legend>{t('apply.section.focalPoint')}</legend>
          <p className="form-section__intro">{t('apply.focalPoint.intro')}</p>
          <TextField {...form.field('focalPoint.name')} required autoComplete="name" />
          <TextField {...form.field('focalPoint.title')} required autoComplete="organization-title" hint={t('apply.fpTitle.hint')} />
          <TextField {...form.field('focalPoint.email')} type="email" required autoComplete="email" inputMode="email" spellCheck={false} hint={t('apply.fpEmail.hint')} />
        </fieldset>
        <TextAreaField {...form.field('motivation')} required rows={7} hint={t('apply.motivation.hint', { min: MOTIVATION_MIN, max: MOTIVATION_MAX })} />
        <SubmitButton busy={form.submitting}>{t('apply.submit')}</SubmitButton>
      </form>
    </Page>
  );
}
