// Write a new post (/posts/new) or edit one (/posts/:id/edit). Lists (regions, countries, tags) are
// kept in the form as comma-joined codes, so the shared form machinery maps server errors such as
// `countries.0` onto the group they belong to.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation, useParams, useSearch } from 'wouter';
import { ApiError, api, request } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { useMe } from '../auth/session.js';
import { ChipCombobox } from '../forms/chip-combobox.js';
import { ErrorSummary } from '../forms/error-summary.js';
import { RadioGroupField, RequiredNote, SelectField, SubmitButton, TextAreaField, TextField } from '../forms/fields.js';
import { checkRequired, type FieldBinding, useForm } from '../forms/use-form.js';
import { compareText, useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { useNotice } from '../layout/notice.js';
import { NotFoundPage } from '../not-found/not-found-page.js';
import { regionTree, useTaxonomy, type Taxonomy } from './taxonomy.js';
import { useStaleRevision } from '../coordination/stale-revision.js';
import { normalizeAmount, parseAmount } from '../../shared/money.js';
import { isProjectKind, mayMove } from '../../shared/coordination.js';
import { LooksLikeExistingWork } from '../overlap/looks-like-existing-work.js';
import type { Audience, Post, PostKind, PostStatus } from './types.js';
import { PERSONAL_DATA, PrivacyWarning, usePrivacyGuard } from '../moderation/privacy-warning.js';

const split = (value: string) => value.split(',').filter(Boolean);

function GroupError({ id, error }: { id: string; error: string | undefined }) {
  const t = useT();
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="field__error">
      <span className="visually-hidden">{t('form.errorPrefix')} </span>
      {error}
    </p>
  );
}

/** A fieldset of checkboxes bound to a comma-joined list of codes. The first box carries the field id. */
function CheckboxListField({ id, name, label, value, onChange, error, options }: FieldBinding & { options: Array<{ value: string; label: string; depth?: number }> }) {
  const selected = split(value);
  return (
    <fieldset className={error ? 'field field--error checkboxes' : 'field checkboxes'} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{label}</legend>
      <GroupError id={id} error={error} />
      <div className="checkboxes__list">
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value}`;
          return (
            <div className="checkbox" key={option.value} style={option.depth ? { paddingInlineStart: `${option.depth}rem` } : undefined}>
              <input
                type="checkbox"
                id={optionId}
                name={name}
                value={option.value}
                checked={selected.includes(option.value)}
                onChange={(event) => onChange((event.target.checked ? [...selected, option.value] : selected.filter((v) => v !== option.value)).join(','))}
              />
              <label htmlFor={optionId}>{option.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** Countries: a type-ahead box with removable chips (it replaced a "hold Ctrl" multiple select). */
function CountryPickerField({ id, name, label, value, onChange, error, options, hint }: FieldBinding & { options: Array<{ value: string; label: string }>; hint: string }) {
  const t = useT();
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <div className="field__label">
        <label htmlFor={id}>{label}</label>
      </div>
      <p id={`${id}-hint`} className="field__hint">
        {hint}
      </p>
      <GroupError id={id} error={error} />
      <ChipCombobox
        id={id}
        name={name}
        label={label}
        chosenLabel={t('compose.chosenCountries')}
        options={options}
        selected={split(value)}
        onChange={(values) => onChange(values.join(','))}
        invalid={Boolean(error)}
        describedBy={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ')}
      />
    </div>
  );
}

function DateField({ id, name, label, value, onChange, error }: FieldBinding) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <div className="field__label">
        <label htmlFor={id}>{label}</label>
      </div>
      <GroupError id={id} error={error} />
      <input id={id} name={name} type="date" value={value} onChange={(event) => onChange(event.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
    </div>
  );
}

/**
 * The preview: the server renders the Markdown with the very code that renders saved posts, so
 * what the author sees is what readers will see. Refreshed a moment after typing stops.
 */
function Preview({ text }: { text: string }) {
  const t = useT();
  const [state, setState] = useState<{ html: string } | { error: string } | null>(null);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      api
        .post<{ html: string }>('/api/v1/markdown/preview', { markdown: text })
        .then((result) => current && setState(result))
        .catch((error: unknown) => current && setState({ error: error instanceof ApiError ? error.message : t('compose.previewFailed') }));
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, t]);
  if (state === null) return <p className="muted">{t('common.loading')}</p>;
  if ('error' in state) return <p className="field__error">{state.error}</p>;
  if (!text.trim()) return <p className="muted">{t('compose.previewEmpty')}</p>;
  return <div className="prose preview" dangerouslySetInnerHTML={{ __html: state.html }} />;
}

type ComposeValues = {
  kind: string;
  title: string;
  body: string;
  audience: string;
  status: string;
  regions: string;
  countries: string;
  areas: string;
  themes: string;
  exploitation: string;
  budgetAmount: string;
  budgetCurrency: string;
  fundingSought: string;
  startsOn: string;
  endsOn: string;
};

const EMPTY: ComposeValues = { kind: '', title: '', body: '', audience: '', status: '', regions: '', countries: '', areas: '', themes: '', exploitation: '', budgetAmount: '', budgetCurrency: '', fundingSought: '', startsOn: '', endsOn: '' };

function valuesOf(post: Post): ComposeValues {
  return {
    kind: post.kind,
    title: post.title,
    body: post.body,
    audience: post.audience,
    status: post.status,
    regions: post.regions.join(','),
    countries: post.countries.join(','),
    areas: post.areas.join(','),
    themes: post.themes.join(','),
    exploitation: post.exploitation.join(','),
    budgetAmount: post.budget?.amount ?? '',
    budgetCurrency: post.budget?.currency ?? '',
    fundingSought: post.fundingSought ?? '',
    startsOn: post.startsOn ?? '',
    endsOn: post.endsOn ?? '',
  };
}

/** How an editing clash merges each field: the description line by line, tag lists as sets. */
const MERGE_KINDS = { longText: ['body'], codeLists: ['regions', 'countries', 'areas', 'themes', 'exploitation'] };

/** Server paths (`countries.0`, `budget.currency`) onto the form's fields. */
function toFormField(field: string): string {
  if (field === 'budget.amount' || field === 'budget') return 'budgetAmount';
  if (field === 'budget.currency') return 'budgetCurrency';
  return field.split('.')[0] ?? field;
}

function remap(error: ApiError): ApiError {
  const fieldErrors: Record<string, string> = {};
  for (const [field, detail] of Object.entries(error.fieldErrors)) {
    const key = toFormField(field);
    fieldErrors[key] = fieldErrors[key] ? `${fieldErrors[key]}; ${detail}` : detail;
  }
  return new ApiError({ status: error.status, type: error.type, title: error.title, detail: error.detail, fieldErrors, retryAfter: error.retryAfter, extensions: error.extensions });
}

/** A ta_request pre-filled from a measure of the government's self-assessment (issue 18): ?measure=<code>. */
interface FromMeasure {
  code: string;
  path: string;
  draft: { title: string; body: string; audience: string; regions: string[]; countries: string[]; areas: string[]; themes: string[] };
}

function useFromMeasure(): { status: 'none' } | { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: FromMeasure } {
  const me = useMe();
  const code = new URLSearchParams(useSearch()).get('measure');
  const [state, setState] = useState<{ status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: FromMeasure }>({ status: 'loading' });
  const path = code ? `/api/v1/organizations/${me.organization.id}/self-assessment/measures/${encodeURIComponent(code)}/request` : null;
  useEffect(() => {
    if (!path || !code) return;
    api
      .post<FromMeasure['draft']>(path, {})
      .then((draft) => setState({ status: 'ready', data: { code, path, draft } }))
      .catch((error: unknown) => setState({ status: 'error', error: error instanceof ApiError ? error : new ApiError({ status: 0, type: 'about:blank', title: String(error), detail: String(error) }) }));
  }, [path, code]);
  return path ? state : { status: 'none' };
}

function ComposeForm({ taxonomy, post, fromMeasure }: { taxonomy: Taxonomy; post: Post | null; fromMeasure?: FromMeasure }) {
  const t = useT();
  const me = useMe();
  const notice = useNotice();
  const [, navigate] = useLocation();
  const [preview, setPreview] = useState(false);
  const asDraft = useRef(false);

  const kinds = taxonomy.postKinds.filter((k) => me.role === 'organizer' || k.authors === 'all' || k.authors.includes(me.organization.category));
  // The form starts from these once (it is keyed by post); later renders keep what the user typed.
  const [initial] = useState<ComposeValues>(() => {
    if (post) return valuesOf(post);
    if (fromMeasure) {
      const d = fromMeasure.draft;
      return { ...EMPTY, kind: 'ta_request', title: d.title, body: d.body, audience: d.audience, regions: d.regions.join(','), countries: d.countries.join(','), areas: d.areas.join(','), themes: d.themes.join(',') };
    }
    const first = kinds[0];
    return { ...EMPTY, kind: first?.code ?? '', audience: first?.defaultAudience ?? '' };
  });

  const specs: Record<keyof ComposeValues, { label: string }> = {
    kind: { label: t('compose.kind') },
    title: { label: t('compose.titleField') },
    body: { label: t('compose.body') },
    audience: { label: t('compose.audience') },
    status: { label: t('compose.status') },
    regions: { label: t('compose.regions') },
    countries: { label: t('compose.countries') },
    areas: { label: t('compose.areas') },
    themes: { label: t('compose.themes') },
    exploitation: { label: t('compose.exploitation') },
    budgetAmount: { label: t('compose.budgetAmount') },
    budgetCurrency: { label: t('compose.budgetCurrency') },
    fundingSought: { label: t('compose.fundingSought') },
    startsOn: { label: t('compose.startsOn') },
    endsOn: { label: t('compose.endsOn') },
  };
  const form = useForm<ComposeValues>(initial, specs);
  const stale = useStaleRevision(post, form, valuesOf, MERGE_KINDS);
  const privacy = usePrivacyGuard();
  const kindInfo = taxonomy.postKinds.find((k) => k.code === form.values.kind);

  function chooseKind(kind: string) {
    form.setValue('kind', kind);
    const info = taxonomy.postKinds.find((k) => k.code === kind);
    if (info) form.setValue('audience', info.defaultAudience);
  }

  const countries = useMemo(() => [...taxonomy.countries].sort((a, b) => compareText(a.name, b.name)).map((c) => ({ value: c.code, label: c.name })), [taxonomy]);
  const regions = useMemo(() => regionTree(taxonomy.regions).map((r) => ({ value: r.code, label: r.name, depth: r.depth })), [taxonomy]);

  async function send(values: ComposeValues) {
    const body = {
      title: values.title.trim(),
      body: values.body,
      audience: values.audience as Audience,
      regions: split(values.regions),
      countries: split(values.countries),
      areas: split(values.areas),
      themes: split(values.themes),
      exploitation: split(values.exploitation),
      // Amounts as people type them ("1,200,000", "€ 25.000,50"): the plain figure, and the currency the text names.
      budget: values.budgetAmount.trim() ? { amount: normalizeAmount(values.budgetAmount), currency: (values.budgetCurrency.trim() || parseAmount(values.budgetAmount)?.currency || '').toUpperCase() } : null,
      fundingSought: values.fundingSought.trim() ? normalizeAmount(values.fundingSought) : null,
      startsOn: values.startsOn || null,
      endsOn: values.endsOn || null,
      ...privacy.extra,
    };
    try {
      if (fromMeasure) {
        // Created through the self-assessment, so that the request stays linked to its measure.
        const created = await api.post<Post>(fromMeasure.path, { ...body, create: true });
        notice.show(t('compose.published'), `/posts/${created.id}`);
        navigate(`/posts/${created.id}`);
      } else if (post) {
        const saved = await request<Post>('PATCH', `/api/v1/posts/${post.id}`, { ...body, revision: stale.baseRevision, status: values.status as PostStatus });
        notice.show(t('compose.saved'), `/posts/${saved.id}`);
        navigate(`/posts/${saved.id}`);
      } else {
        const draft = asDraft.current;
        const created = await api.post<Post>('/api/v1/posts', { ...body, kind: values.kind as PostKind, ...(draft ? { draft: true } : {}) });
        notice.show(t(draft ? 'compose.draftSaved' : 'compose.published'), `/posts/${created.id}`);
        navigate(`/posts/${created.id}`);
      }
    } catch (error) {
      privacy.capture(error);
      throw error instanceof ApiError ? remap(stale.capture(error)) : error;
    }
  }

  function validate(values: ComposeValues) {
    const errors: Partial<Record<keyof ComposeValues, string>> = checkRequired(values, specs, ['kind', 'title', 'body', 'audience']);
    if (values.budgetAmount.trim() && !values.budgetCurrency.trim() && !parseAmount(values.budgetAmount)?.currency) errors.budgetCurrency = t('validation.required', { name: specs.budgetCurrency.label });
    if (values.fundingSought.trim() && !values.budgetAmount.trim()) errors.fundingSought = t('compose.fundingSoughtNeedsBudget');
    return errors;
  }

  if (kinds.length === 0 && !post) return <p className="empty">{t('compose.noKinds')}</p>;

  const staleDetail: ReactNode = (
    <>
      <p>{t('compose.staleDetail')}</p>
      <p>
        <a href={post ? `/posts/${post.id}/edit` : '/posts/new'}>{t('compose.reload')}</a>
      </p>
    </>
  );

  return (
    <form
      noValidate
      className="compose-form"
      onSubmit={(event) => {
        // Which of the two buttons sent the form: "Publish" or "Save as draft" (issue 13).
        asDraft.current = (event.nativeEvent as SubmitEvent).submitter?.getAttribute('name') === 'draft';
        void form.submit(event, send, {
          validate,
          describe: (error) =>
            error.status === 409 ? { title: t('compose.stale'), detail: staleDetail } : error.slug === PERSONAL_DATA ? { title: t('privacy.title'), detail: t('privacy.advice') } : undefined,
        });
      }}
    >
      <ErrorSummary problem={form.problem} attempt={form.attempt} />
      {stale.panel}
      <RequiredNote />
      {fromMeasure && <p className="notice-inline">{t('sa.fromMeasure', { code: fromMeasure.code })}</p>}
      {post || fromMeasure ? null : (
        <RadioGroupField {...form.field('kind')} onChange={chooseKind} required options={kinds.map((k) => ({ value: k.code, label: t(`kind.${k.code}`) }))} />
      )}
      <TextField {...form.field('title')} required maxLength={200} />
      <TextAreaField {...form.field('body')} required rows={10} maxLength={20000} hint={t('compose.bodyHint')} />
      <p>
        <button type="button" className="button button--small button--secondary" aria-expanded={preview} aria-controls="compose-preview" onClick={() => setPreview((p) => !p)}>
          {preview ? t('compose.hidePreview') : t('compose.preview')}
        </button>
      </p>
      <div id="compose-preview" hidden={!preview}>
        {preview && (
          <section aria-labelledby="preview-heading" className="panel">
            <h2 id="preview-heading">{t('compose.previewHeading')}</h2>
            <Preview text={form.values.body} />
          </section>
        )}
      </div>
      <LooksLikeExistingWork values={form.values} postId={post?.id} />
      <RadioGroupField
        {...form.field('audience')}
        required
        options={taxonomy.audiences.map((a) => ({ value: a, label: t(`audience.${a}`), hint: t(`audience.${a}.explained`) }))}
      />
      {post && kindInfo && <SelectField {...form.field('status')} required placeholder={t('common.choose')} options={kindInfo.statuses.filter((s) => !isProjectKind(post.kind) || mayMove(post.status, s)).map((s) => ({ value: s, label: t(`postStatus.${s}`) }))} />}
      <h2>{t('compose.tags')}</h2>
      <CheckboxListField {...form.field('regions')} options={regions} />
      <CountryPickerField {...form.field('countries')} options={countries} hint={t('compose.countriesHint')} />
      <CheckboxListField {...form.field('areas')} options={taxonomy.areas.map((a) => ({ value: a.code, label: a.label }))} />
      <CheckboxListField {...form.field('themes')} options={taxonomy.themes.map((a) => ({ value: a.code, label: a.label }))} />
      <CheckboxListField {...form.field('exploitation')} options={taxonomy.exploitation.map((a) => ({ value: a.code, label: a.label }))} />
      <h2>{t('compose.budgetDates')}</h2>
      <TextField {...form.field('budgetAmount')} hint={t('compose.budgetAmountHint')} maxLength={24} inputMode="decimal" />
      <TextField {...form.field('budgetCurrency')} hint={t('compose.budgetCurrencyHint')} maxLength={3} />
      <TextField {...form.field('fundingSought')} hint={t('compose.fundingSoughtHint')} maxLength={24} inputMode="decimal" />
      <DateField {...form.field('startsOn')} />
      <DateField {...form.field('endsOn')} />
      <PrivacyWarning guard={privacy} />
      <SubmitButton busy={form.submitting}>{post ? t('compose.save') : t('compose.publish')}</SubmitButton>
      {!post && !fromMeasure && (
        <div className="compose-draft">
          <button type="submit" name="draft" className="button button--secondary" aria-describedby="compose-draft-hint" aria-disabled={form.submitting || undefined}>
            {t('compose.saveDraft')}
          </button>
          <p id="compose-draft-hint" className="small muted">
            {t('compose.saveDraftHint')}
          </p>
        </div>
      )}
    </form>
  );
}

export function ComposePage() {
  const t = useT();
  const params = useParams<{ id?: string }>();
  const id = params.id ?? null;
  const taxonomy = useTaxonomy();
  const post = useResource<Post>(id ? `/api/v1/posts/${encodeURIComponent(id)}` : null);
  const fromMeasure = useFromMeasure();
  const title = id ? t('compose.editTitle') : t('compose.newTitle');

  if (id && post.status === 'error' && (post.error.status === 404 || post.error.status === 400)) return <NotFoundPage />;
  if (id && post.status === 'ready' && !post.data.permissions.update) return <NotFoundPage />;
  const ready = taxonomy.status === 'ready' && (!id || post.status === 'ready') && (fromMeasure.status === 'none' || fromMeasure.status === 'ready');
  return (
    <Page title={title} width="narrow">
      {taxonomy.status === 'error' && <LoadError error={taxonomy.error} retry={taxonomy.reload} />}
      {id && post.status === 'error' && <LoadError error={post.error} retry={post.reload} />}
      {fromMeasure.status === 'error' && <LoadError error={fromMeasure.error} />}
      {!ready && taxonomy.status !== 'error' && post.status !== 'error' && <Loading />}
      {ready && taxonomy.status === 'ready' && <ComposeForm key={id ?? 'new'} taxonomy={taxonomy.data} post={id && post.status === 'ready' ? post.data : null} {...(fromMeasure.status === 'ready' ? { fromMeasure: fromMeasure.data } : {})} />}
    </Page>
  );
}
