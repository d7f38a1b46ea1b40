// The filters of the post list, shared by Browse (/posts) and the map (/map): the same query-string
// parameters as GET /api/v1/posts, so a filtered view moves between list and map as it is.
import { useId, useMemo, useState } from 'react';
import { ChipCombobox } from '../forms/chip-combobox.js';
import { compareText, useT } from '../i18n/i18n.js';
import { regionTree, type Taxonomy } from './taxonomy.js';
import { MULTI, parse, type Filters, type Multi } from './filters-query.js';
import type { PostList } from './types.js';

export { MULTI, parse, savedFilters, toQuery, type Filters, type Multi } from './filters-query.js';

/**
 * `open` for a disclosure that opens when something in it is chosen (a shared, filtered address) and
 * never closes by itself: folding it when the last choice is removed would hide the box or the
 * checkbox that has the focus. The person may still close it.
 */
export function useStayOpen(active: boolean): true | undefined {
  const [opened, setOpened] = useState(active);
  if (active && !opened) setOpened(true);
  return opened || active ? true : undefined;
}

interface Option {
  value: string;
  label: string;
  depth?: number;
}

function CheckboxGroup({ name, legend, options, selected, counts, onChange }: { name: Multi; legend: string; options: Option[]; selected: string[]; counts?: Record<string, number>; onChange: (values: string[]) => void }) {
  const t = useT();
  const id = useId();
  const open = useStayOpen(selected.length > 0);
  return (
    <details className="filter" open={open}>
      <summary>
        {legend}
        {selected.length > 0 && ` (${selected.length})`}
      </summary>
      <fieldset className="filter__options">
        <legend className="visually-hidden">{legend}</legend>
        {options.map((option) => {
          const optionId = `${id}-${option.value}`;
          const count = counts?.[option.value];
          return (
            <div className="checkbox" key={option.value} style={option.depth ? { paddingInlineStart: `${option.depth}rem` } : undefined}>
              <input
                type="checkbox"
                id={optionId}
                name={name}
                value={option.value}
                checked={selected.includes(option.value)}
                onChange={(event) => onChange(event.target.checked ? [...selected, option.value] : selected.filter((v) => v !== option.value))}
              />
              <label htmlFor={optionId}>{count !== undefined ? t('browse.withCount', { label: option.label, count }) : option.label}</label>
            </div>
          );
        })}
      </fieldset>
    </details>
  );
}

/**
 * Countries: the type-ahead box with removable chips (forms/chip-combobox.tsx), as in the post and
 * expertise forms. Each choice and removal applies at once, like the other filters.
 */
function CountryFilter({ countries, selected, onChange }: { countries: Taxonomy['countries']; selected: string[]; onChange: (values: string[]) => void }) {
  const t = useT();
  const options = useMemo(() => countries.map((c) => ({ value: c.code, label: c.name })), [countries]);
  const open = useStayOpen(selected.length > 0);
  return (
    <details className="filter" open={open}>
      <summary>
        {t('browse.country')}
        {selected.length > 0 && ` (${selected.length})`}
      </summary>
      <div className="filter__options filter__options--combobox field">
        <label htmlFor="filter-country">{t('browse.addCountry')}</label>
        <ChipCombobox id="filter-country" options={options} selected={selected} onChange={onChange} label={t('browse.country')} chosenLabel={t('browse.chosenCountries')} />
      </div>
    </details>
  );
}

/** The time span: two dates, applied when a date is complete. */
function TimeSpanFilter({ filters, apply }: { filters: Filters; apply: (next: Filters) => void }) {
  const t = useT();
  const id = useId();
  const set = (key: 'from' | 'to') => (event: { target: { value: string } }) => apply({ ...filters, [key]: event.target.value });
  const chosen = filters.from !== '' || filters.to !== '';
  const open = useStayOpen(chosen);
  return (
    <details className="filter" open={open}>
      <summary>
        {t('browse.timeSpan')}
        {chosen && ' (1)'}
      </summary>
      <fieldset className="filter__options">
        <legend className="visually-hidden">{t('browse.timeSpan')}</legend>
        <p className="field__hint" id={`${id}-hint`}>{t('browse.timeSpanHint')}</p>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('browse.from')}</label>
          <input id={`${id}-from`} name="from" type="date" value={filters.from} max={filters.to || undefined} onChange={set('from')} aria-describedby={`${id}-hint`} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('browse.to')}</label>
          <input id={`${id}-to`} name="to" type="date" value={filters.to} min={filters.from || undefined} onChange={set('to')} aria-describedby={`${id}-hint`} />
        </div>
      </fieldset>
    </details>
  );
}

export function PostFilters({ taxonomy, filters, facets, apply }: { taxonomy: Taxonomy; filters: Filters; facets: PostList['facets'] | undefined; apply: (next: Filters) => void }) {
  const t = useT();
  const setMulti = (key: Multi) => (values: string[]) => apply({ ...filters, multi: { ...filters.multi, [key]: values } });
  const countries = useMemo(() => [...taxonomy.countries].sort((a, b) => compareText(a.name, b.name)), [taxonomy]);
  const statuses = taxonomy.postStatuses.map((s) => ({ value: s, label: t(`postStatus.${s}`) }));
  const hasAny = filters.q !== '' || filters.from !== '' || filters.to !== '' || MULTI.some((key) => filters.multi[key].length > 0);
  return (
    <section className="filters" aria-labelledby="filters-heading">
      <h2 id="filters-heading">{t('browse.filters')}</h2>
      <CheckboxGroup name="kind" legend={t('browse.kind')} options={taxonomy.postKinds.map((k) => ({ value: k.code, label: t(`kind.${k.code}`) }))} selected={filters.multi.kind} counts={facets?.kind} onChange={setMulti('kind')} />
      <CheckboxGroup
        name="region"
        legend={t('browse.region')}
        options={regionTree(taxonomy.regions).map((r) => ({ value: r.code, label: r.name, depth: r.depth }))}
        selected={filters.multi.region}
        counts={facets?.region}
        onChange={setMulti('region')}
      />
      <CountryFilter countries={countries} selected={filters.multi.country} onChange={setMulti('country')} />
      <CheckboxGroup name="area" legend={t('browse.area')} options={taxonomy.areas.map((a) => ({ value: a.code, label: a.label }))} selected={filters.multi.area} counts={facets?.area} onChange={setMulti('area')} />
      <CheckboxGroup name="theme" legend={t('browse.theme')} options={taxonomy.themes.map((a) => ({ value: a.code, label: a.label }))} selected={filters.multi.theme} counts={facets?.theme} onChange={setMulti('theme')} />
      <CheckboxGroup name="exploitation" legend={t('browse.exploitation')} options={taxonomy.exploitation.map((a) => ({ value: a.code, label: a.label }))} selected={filters.multi.exploitation} onChange={setMulti('exploitation')} />
      <CheckboxGroup name="status" legend={t('browse.status')} options={statuses} selected={filters.multi.status} onChange={setMulti('status')} />
      <TimeSpanFilter filters={filters} apply={apply} />
      {hasAny && (
        <button type="button" className="link-button" onClick={() => apply(parse(''))}>
          {t('browse.clear')}
        </button>
      )}
    </section>
  );
}

