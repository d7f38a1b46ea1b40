// An organization's declared expertise: areas, where it operates, working languages. Its focal point
// (and the organizers) edit it here; everyone else reads it. Used for matching requests with providers.
import { useMemo, useState } from 'react';
import { ApiError, request } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { ChipCombobox } from '../forms/chip-combobox.js';
import { ErrorSummary } from '../forms/error-summary.js';
import { SubmitButton, TextAreaField, TextField } from '../forms/fields.js';
import { useForm } from '../forms/use-form.js';
import { compareText, formatCountry, formatDate, useT } from '../i18n/i18n.js';
import { labels, regionTree, useTaxonomy, type Taxonomy } from '../exchange/taxonomy.js';
import { useNotice } from '../layout/notice.js';
import { languageName } from '../overlap/reasons.js';
import type { Expertise } from '../overlap/types.js';

const split = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

function CodeChecklist({ id, legend, options, value, onChange, error }: { id: string; legend: string; options: { value: string; label: string; depth?: number }[]; value: string[]; onChange: (next: string[]) => void; error?: string }) {
  return (
    <fieldset className={error ? 'field field--error checkboxes' : 'field checkboxes'} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
      <div className="checkboxes__list">
        {options.map((o, index) => {
          const optionId = index === 0 ? id : `${id}-${o.value}`;
          return (
            <div className="checkbox" key={o.value} style={o.depth ? { paddingInlineStart: `${o.depth}rem` } : undefined}>
              <input type="checkbox" id={optionId} checked={value.includes(o.value)} onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))} />
              <label htmlFor={optionId}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

function ExpertiseForm({ expertise, taxonomy, onSaved }: { expertise: Expertise; taxonomy: Taxonomy; onSaved: (e: Expertise) => void }) {
  const t = useT();
  const notice = useNotice();
  const [areas, setAreas] = useState(expertise.areas);
  const [regions, setRegions] = useState(expertise.regions);
  const specs = { countries: { label: t('expertise.countries') }, languages: { label: t('expertise.languages') }, summary: { label: t('expertise.summary') } };
  const form = useForm({ countries: expertise.countries.join(','), languages: expertise.languages.join(', '), summary: expertise.summary }, specs, { idPrefix: 'expertise-' });
  const countries = useMemo(() => [...taxonomy.countries].sort((a, b) => compareText(a.name, b.name)), [taxonomy]);
  const regionOptions = useMemo(() => regionTree(taxonomy.regions).map((r) => ({ value: r.code, label: r.name, depth: r.depth })), [taxonomy]);
  const [groupErrors, setGroupErrors] = useState<Record<string, string>>({});

  async function send(values: { countries: string; languages: string; summary: string }) {
    try {
      const saved = await request<Expertise>('PUT', `/api/v1/organizations/${expertise.organizationId}/expertise`, {
        areas,
        regions,
        countries: split(values.countries),
        languages: split(values.languages).map((l) => l.toLowerCase()),
        summary: values.summary,
      });
      setGroupErrors({});
      notice.show(t('expertise.saved'));
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError) {
        // `languages.1` → the languages field; area and region errors go on their groups.
        const byField: Record<string, string> = {};
        for (const [field, detail] of Object.entries(error.fieldErrors)) {
          const key = field.split('.')[0] ?? field;
          byField[key] = byField[key] ? `${byField[key]}; ${detail}` : detail;
        }
        setGroupErrors({ areas: byField.areas ?? '', regions: byField.regions ?? '' });
        throw new ApiError({ status: error.status, type: error.type, title: error.title, detail: error.detail, fieldErrors: byField, retryAfter: error.retryAfter });
      }
      throw error;
    }
  }

  const countriesField = form.field('countries');
  return (
    <form noValidate onSubmit={(event) => void form.submit(event, send)} className="expertise-form">
      <ErrorSummary problem={form.problem} attempt={form.attempt} />
      <CodeChecklist id="expertise-areas" legend={t('expertise.areas')} options={taxonomy.areas.map((a) => ({ value: a.code, label: a.label }))} value={areas} onChange={setAreas} error={groupErrors.areas || undefined} />
      <CodeChecklist id="expertise-regions" legend={t('expertise.regions')} options={regionOptions} value={regions} onChange={setRegions} error={groupErrors.regions || undefined} />
      <div className={countriesField.error ? 'field field--error' : 'field'}>
        <div className="field__label">
          <label htmlFor={countriesField.id}>{countriesField.label}</label>
        </div>
        <p id={`${countriesField.id}-hint`} className="field__hint">
          {t('expertise.countriesHint')}
        </p>
        {countriesField.error && (
          <p id={`${countriesField.id}-error`} className="field__error">
            {countriesField.error}
          </p>
        )}
        <ChipCombobox
          id={countriesField.id}
          name={countriesField.name}
          label={countriesField.label}
          chosenLabel={t('compose.chosenCountries')}
          options={countries.map((c) => ({ value: c.code, label: c.name }))}
          selected={split(countriesField.value)}
          onChange={(values) => countriesField.onChange(values.join(','))}
          invalid={Boolean(countriesField.error)}
          describedBy={[`${countriesField.id}-hint`, countriesField.error ? `${countriesField.id}-error` : null].filter(Boolean).join(' ')}
        />
      </div>
      <TextField {...form.field('languages')} hint={t('expertise.languagesHint')} maxLength={100} />
      <TextAreaField {...form.field('summary')} rows={3} maxLength={1000} />
      <SubmitButton busy={form.submitting}>{t('expertise.save')}</SubmitButton>
    </form>
  );
}

function ExpertiseFacts({ expertise, taxonomy }: { expertise: Expertise; taxonomy: Taxonomy }) {
  const t = useT();
  const label = labels(taxonomy);
  const empty = expertise.areas.length + expertise.regions.length + expertise.countries.length + expertise.languages.length === 0 && !expertise.summary;
  if (empty) return <p className="muted">{t('expertise.none')}</p>;
  const rows: [string, string[]][] = [
    [t('expertise.areas'), expertise.areas.map(label.area)],
    // Read by other organizations too: no "you" here.
    [t('expertise.regionsFact'), expertise.regions.map(label.region)],
    [t('expertise.countriesFact'), expertise.countries.map((c) => formatCountry(c))],
    [t('expertise.languages'), expertise.languages.map(languageName)],
  ];
  return (
    <>
      {expertise.summary && <p>{expertise.summary}</p>}
      <dl className="details">
        {rows
          .filter(([, values]) => values.length > 0)
          .map(([term, values]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{values.join(', ')}</dd>
            </div>
          ))}
      </dl>
      {expertise.updatedAt && <p className="small muted">{t('expertise.updated', { date: formatDate(expertise.updatedAt) })}</p>}
    </>
  );
}

/** The expertise section of an organization's page: a form for whoever may edit it, facts for others. */
export function ExpertiseSection({ organizationId }: { organizationId: string }) {
  const t = useT();
  const taxonomy = useTaxonomy();
  const expertise = useResource<Expertise>(`/api/v1/organizations/${encodeURIComponent(organizationId)}/expertise`);
  if (expertise.status !== 'ready' || taxonomy.status !== 'ready') return null;
  return (
    <section aria-labelledby="expertise-heading" className="panel" data-testid="expertise">
      <h2 id="expertise-heading">{t('expertise.heading')}</h2>
      {expertise.data.canEdit ? (
        <>
          <p className="small">{t('expertise.intro')}</p>
          <ExpertiseForm expertise={expertise.data} taxonomy={taxonomy.data} onSaved={(saved) => expertise.setData(() => saved)} />
        </>
      ) : (
        <ExpertiseFacts expertise={expertise.data} taxonomy={taxonomy.data} />
      )}
    </section>
  );
}
