// The post filters as a query string, the same parameters as GET /api/v1/posts. Kept apart from the
// filter form (post-filters.tsx) so the first-screen requests (web/boot) can build Browse's list
// address without loading the form's code.
export const MULTI = ['kind', 'region', 'country', 'area', 'theme', 'exploitation', 'status'] as const;
export type Multi = (typeof MULTI)[number];

export interface Filters {
  q: string;
  multi: Record<Multi, string[]>;
  /** The time span: posts whose planned period overlaps it ('YYYY-MM-DD' or ''). */
  from: string;
  to: string;
}

export function parse(search: string): Filters {
  const params = new URLSearchParams(search);
  const multi = Object.fromEntries(MULTI.map((key) => [key, params.getAll(key).filter(Boolean)])) as Record<Multi, string[]>;
  return { q: params.get('q') ?? '', multi, from: params.get('from') ?? '', to: params.get('to') ?? '' };
}

export function toQuery(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  for (const key of MULTI) for (const value of filters.multi[key]) params.append(key, value);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  return params.toString();
}

/** The filters as the saved-search API takes them (only those set). */
export function savedFilters(filters: Filters): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (filters.q.trim()) out['q'] = filters.q.trim();
  for (const key of MULTI) if (filters.multi[key].length) out[key] = filters.multi[key];
  if (filters.from) out['from'] = filters.from;
  if (filters.to) out['to'] = filters.to;
  return out;
}
