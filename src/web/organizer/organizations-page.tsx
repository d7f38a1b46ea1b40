// The organizers' console of organizations: every organization (suspended ones included),
// filtered by category and by a few typed words, with suspension and reinstatement of an
// organization or of one of its people.
import { useMemo, useState, type FormEvent } from 'react';
import { ORGANIZATION_CATEGORIES } from '../../shared/participants.js';
import type { ItemList, Organization } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { useMe } from '../auth/session.js';
import { SelectField, TextField } from '../forms/fields.js';
import { formatCountry, useT } from '../i18n/i18n.js';
import { LoadError, Loading, Page } from '../layout/page.js';
import { OrganizationAdminCard } from './organization-admin-card.js';
import { DonorOrganizationsPanel } from '../donors/donor-organizations-panel.js';

/** Lower case, without accents: "Genève" is found by "geneve". */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function matches(org: Organization, category: string, words: string[]): boolean {
  if (category && org.category !== category) return false;
  if (words.length === 0) return true;
  const haystack = fold([org.name, formatCountry(org.country), org.country, org.website ?? ''].join(' '));
  return words.every((word) => haystack.includes(word));
}

export function OrganizationsPage() {
  const t = useT();
  const me = useMe();
  const list = useResource<ItemList<Organization>>('/api/v1/organizations');
  const [category, setCategory] = useState('');
  const [text, setText] = useState('');

  const words = useMemo(() => fold(text).split(/\s+/).filter(Boolean), [text]);
  const all = list.data?.items;
  const shown = useMemo(() => (all ?? []).filter((org) => matches(org, category, words)), [all, category, words]);
  const filtered = category !== '' || words.length > 0;

  function replace(updated: Organization) {
    list.setData((data) => ({ items: data.items.map((item) => (item.id === updated.id ? updated : item)) }));
  }

  const categories = ORGANIZATION_CATEGORIES.map((code) => ({ value: code, label: t(`category.${code}`) }));

  return (
    <Page title={t('organizations.title')}>
      <p className="lead">{t('organizations.intro')}</p>
      <DonorOrganizationsPanel />
      <form role="search" className="inline-form" aria-label={t('organizations.filter.label')} onSubmit={(event: FormEvent) => event.preventDefault()}>
        <SelectField
          id="orgs-category"
          name="category"
          label={t('organizations.filter.category')}
          value={category}
          onChange={setCategory}
          error={undefined}
          options={categories}
          placeholder={t('organizations.filter.anyCategory')}
        />
        <TextField id="orgs-text" name="q" type="search" label={t('organizations.filter.text')} value={text} onChange={setText} error={undefined} autoComplete="off" spellCheck={false} maxLength={200} />
        {filtered && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setCategory('');
              setText('');
              document.getElementById('orgs-category')?.focus();
            }}
          >
            {t('organizations.filter.clear')}
          </button>
        )}
      </form>

      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} retry={list.reload} />}
      {list.status === 'ready' && (
        <>
          <p className="results__total" role="status">
            {filtered ? t('organizations.countFiltered', { count: shown.length, total: list.data.items.length }) : t('organizations.count', { count: list.data.items.length })}
          </p>
          {shown.length === 0 ? (
            <p className="empty">{filtered ? t('organizations.emptyFiltered') : t('organizations.empty')}</p>
          ) : (
            <div className="cards">
              {shown.map((org) => (
                <OrganizationAdminCard key={org.id} organization={org} isMine={org.id === me.organization.id} myId={me.id} onChange={replace} />
              ))}
            </div>
          )}
        </>
      )}
    </Page>
  );
}
