// The taxonomies (GET /api/v1/taxonomies), fetched once per visit and shared by every exchange page.
// Not bundled: the lists are data the server owns.
import { useEffect, useState } from 'react';
import { ApiError, api, isApiError } from '../api/client.js';
import { t } from '../i18n/i18n.js';
import { takeEarly } from '../boot/early.js';
import type { OrganizationCategory } from '../../shared/participants.js';
import type { Audience, PostKind, PostStatus } from './types.js';

export interface Region {
  code: string;
  name: string;
  parent: string | null;
  level: string;
}

export interface Country {
  code: string;
  name: string;
  region: string | null;
}

export interface Term {
  code: string;
  label: string;
  description?: string;
}

export interface KindInfo {
  code: PostKind;
  authors: readonly OrganizationCategory[] | 'all';
  defaultAudience: Audience;
  statuses: readonly PostStatus[];
}

export interface Taxonomy {
  regions: Region[];
  countries: Country[];
  areas: Term[];
  themes: Term[];
  exploitation: Term[];
  postKinds: KindInfo[];
  postStatuses: PostStatus[];
  audiences: Audience[];
}

let cached: Taxonomy | null = null;
let pending: Promise<Taxonomy> | null = null;

export function loadTaxonomy(): Promise<Taxonomy> {
  if (cached) return Promise.resolve(cached);
  // Started with the first screen (web/boot) on /home and Browse; asked for here otherwise.
  pending ??= (takeEarly<Taxonomy>('/api/v1/taxonomies')?.promise.catch(() => api.get<Taxonomy>('/api/v1/taxonomies')) ?? api.get<Taxonomy>('/api/v1/taxonomies')).then(
    (data) => (cached = data),
    (error: unknown) => {
      pending = null;
      throw error;
    },
  );
  return pending;
}

export type TaxonomyState = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: Taxonomy };

export function useTaxonomy(): TaxonomyState & { reload: () => void } {
  const [state, setState] = useState<TaxonomyState>(cached ? { status: 'ready', data: cached } : { status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (cached) {
      setState({ status: 'ready', data: cached });
      return;
    }
    let live = true;
    loadTaxonomy().then(
      (data) => live && setState({ status: 'ready', data }),
      (error: unknown) =>
        live &&
        setState({
          status: 'error',
          error: isApiError(error) ? error : new ApiError({ status: 0, type: 'about:blank', title: t('error.unexpected.title'), detail: t('error.unexpected.detailClient') }),
        }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  return { ...state, reload: () => setAttempt((n) => n + 1) };
}

/** Label lookups by code; the code itself when unknown. */
export function labels(tax: Taxonomy) {
  const region = new Map(tax.regions.map((r) => [r.code, r.name]));
  const country = new Map(tax.countries.map((c) => [c.code, c.name]));
  const area = new Map(tax.areas.map((a) => [a.code, a.label]));
  const theme = new Map(tax.themes.map((a) => [a.code, a.label]));
  const exploitation = new Map(tax.exploitation.map((a) => [a.code, a.label]));
  const of = (map: Map<string, string>) => (code: string) => map.get(code) ?? map.get(code.toUpperCase()) ?? code;
  return { region: of(region), country: of(country), area: of(area), theme: of(theme), exploitation: of(exploitation) };
}

/** Regions ordered as a tree (each region followed by its sub-regions), with their depth. */
export function regionTree(regions: readonly Region[]): Array<Region & { depth: number }> {
  const children = new Map<string | null, Region[]>();
  for (const r of regions) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
  const out: Array<Region & { depth: number }> = [];
  const walk = (parent: string | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      out.push({ ...r, depth });
      walk(r.code, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
