// "Looks like existing work": for a draft or a saved post, the posts that may describe the same
// project. Candidates come from the database (full-text search on the words of titles through a GIN
// index, ranked by trigram similarity, and same-country posts sharing an area through
// the GIN-indexed arrays), always from `visiblePosts(...)`, so nothing the user may not see is ever
// suggested. Each candidate is then scored on text and shared taxonomy, with reasons as codes the
// web app turns into words ("same country: Nigeria; both about: victims, shelters; 3 shared areas").
import { sql, type Kysely } from 'kysely';
import type { PostKind } from '../../shared/exchange.js';
import { regionByCode } from '../../shared/taxonomy/index.js';
import type { Actor } from '../access/index.js';
import type { Database } from '../db/schema.js';
import { geoOf } from '../exchange/post-model.js';
import { visiblePosts } from '../exchange/post-queries.js';

export type ReasonCode =
  | 'same_country'
  | 'same_region'
  | 'similar_title'
  | 'shared_terms'
  | 'shared_areas'
  | 'shared_themes'
  | 'same_organization';

/** A reason in codes: the web app words it ("same country: Nigeria"). `values` are codes or words. */
export interface Reason {
  code: ReasonCode;
  values: string[];
}

export interface SimilarInput {
  kind?: PostKind;
  title: string;
  body: string;
  regions: string[];
  countries: string[];
  areas: string[];
  themes: string[];
  /** The post being edited: never its own suggestion, nor any post it has been marked against. */
  postId?: string;
}

export interface Candidate {
  id: string;
  score: number;
  reasons: Reason[];
}

/**
 * Stems too common in this domain to say anything about two posts being the same work (nearly every
 * post is about trafficking in persons, a national plan, a programme…).
 */
const DOMAIN_STOP = new Set([
  'traffick', 'person', 'human', 'project', 'programm', 'program', 'nation', 'countri', 'need', 'work', 'support', 'use', 'new',
  'also', 'includ', 'one', 'two', 'three', 'will', 'can', 'year', 'month', 'first', 'help', 'would', 'agenc', 'organ', 'ministri', 'govern',
  'intern', 'un', 'gift', 'unodc', 'want', 'part', 'well', 'offer', 'request', 'propos', 'plan', 'activ', 'partner', 'seek', 'provid', 'develop',
  'technic', 'assist', 'servic',
  // Everyday words that carry no topic.
  'often', 'without', 'within', 'across', 'mani', 'may', 'must', 'make', 'take', 'way', 'case', 'time', 'other', 'even', 'base', 'level', 'like',
  'rather', 'still', 'much', 'everi', 'whether', 'becaus', 'howev', 'alreadi', 'follow', 'first', 'second', 'good', 'best', 'main',
]);

/** How much each part weighs in the score (sums to 1); tuned on the evaluation set (eval/). */
export const WEIGHTS = { title: 0.3, text: 0.35, geo: 0.15, areas: 0.12, themes: 0.08 } as const;
/** Below this a candidate is not shown (chosen on the evaluation set: every labelled duplicate scores above it). */
export const SUGGEST_THRESHOLD = 0.35;
const TITLE_REASON = 0.45;
const MAX_BODY = 4000;
const PER_SOURCE = 60;

interface QueryTerms {
  /** Filtered stems of title and body, and the first word written for each. */
  all: Map<string, string>;
  title: Set<string>;
}

async function termsOf(db: Kysely<Database>, title: string, body: string): Promise<QueryTerms> {
  const text = `${title}\n${body.slice(0, MAX_BODY)}`;
  // ts_debug gives each word with the stems the English configuration makes of it.
  const rows = await sql<{ token: string; lexemes: string[] | null }>`select token, lexemes from ts_debug('english', ${text})`.execute(db);
  const titleStems = await sql<{ lexeme: string }>`select unnest(tsvector_to_array(to_tsvector('english', ${title}))) as lexeme`.execute(db);
  const all = new Map<string, string>();
  for (const row of rows.rows) {
    for (const lexeme of row.lexemes ?? []) {
      if (lexeme.length < 3 || DOMAIN_STOP.has(lexeme) || /^\d+$/.test(lexeme)) continue;
      if (!all.has(lexeme)) all.set(lexeme, row.token.toLowerCase());
    }
  }
  return { all, title: new Set(titleStems.rows.map((r) => r.lexeme).filter((l) => all.has(l))) };
}

interface CandidateRow {
  id: string;
  organization_id: string;
  countries: string[];
  geo: string[];
  areas: string[];
  themes: string[];
  title_sim: number;
  lexemes: string[];
  title_lexemes: string[];
}

const shared = <T>(a: readonly T[], b: readonly T[]) => {
  const set = new Set(b);
  return [...new Set(a)].filter((x) => set.has(x));
};
const jaccard = (a: readonly string[], b: readonly string[]) => {
  const union = new Set([...a, ...b]).size;
  return union === 0 ? 0 : shared(a, b).length / union;
};

/** How specific a shared region is: a sub-region says more than a continent. */
const REGION_WEIGHT = { intermediate: 0.6, subregion: 0.5, region: 0.2 } as const;

/**
 * Posts the actor may see that look like the same work as `input`, best first. `exclude` lists post
 * ids never to suggest (the post itself, pairs marked by organizers).
 */
export async function findSimilar(db: Kysely<Database>, actor: Actor, input: SimilarInput, options: { limit?: number; threshold?: number; exclude?: Set<string> } = {}): Promise<Candidate[]> {
  const limit = options.limit ?? 5;
  const threshold = options.threshold ?? SUGGEST_THRESHOLD;
  const title = input.title.trim();
  if (title.length < 3 && input.body.trim().length < 20) return [];
  const terms = await termsOf(db, title, input.body);
  const exclude = new Set(options.exclude ?? []);
  if (input.postId) exclude.add(input.postId);

  const base = () => visiblePosts(db, actor, {}).where('p.hidden_at', 'is', null);
  const ids = new Set<string>();
  const sources: Promise<{ id: string }[]>[] = [];
  // Posts whose titles share several of this title's distinctive words (posts_title_words_idx),
  // the most similar titles by trigram similarity first.
  const tsQuery = titleWordsQuery(terms);
  if (tsQuery) {
    sources.push(
      base()
        .select('p.id')
        .where(sql<boolean>`to_tsvector('english', p.title) @@ to_tsquery('english', ${tsQuery})`)
        .orderBy(sql`similarity(p.title, ${title})`, 'desc')
        .limit(PER_SOURCE)
        .execute(),
    );
  }
  // Posts whose title or description share three of the draft's first six distinctive words
  // (posts_search_idx), unranked: a cheap net for duplicates whose titles are worded differently.
  const textQuery = wordsQuery(distinctiveWords(terms, 6), 3);
  if (textQuery) sources.push(base().select('p.id').where(sql<boolean>`p.search @@ to_tsquery('english', ${textQuery})`).limit(PER_SOURCE / 2).execute());
  const countries = input.countries.map((c) => c.toUpperCase());
  if (countries.length > 0 && input.areas.length > 0) {
    sources.push(
      base()
        .select('p.id')
        .where(sql<boolean>`p.geo && ${sql.val(countries)}::text[]`)
        .where(sql<boolean>`p.areas && ${sql.val(input.areas)}::text[]`)
        .orderBy('p.created_at', 'desc')
        .limit(PER_SOURCE / 2)
        .execute(),
    );
  }
  for (const rows of await Promise.all(sources)) for (const row of rows) if (!exclude.has(row.id)) ids.add(row.id);
  if (ids.size === 0) return [];

  // Again through visiblePosts: what is scored is only ever what the actor may see.
  const rows = (await base()
    .select([
      'p.id', 'p.organization_id', 'p.countries', 'p.geo', 'p.areas', 'p.themes',
      sql<number>`similarity(p.title, ${title})`.as('title_sim'),
      sql<string[]>`tsvector_to_array(p.search)`.as('lexemes'),
      sql<string[]>`tsvector_to_array(to_tsvector('english', p.title))`.as('title_lexemes'),
    ])
    .where('p.id', 'in', [...ids])
    .execute()) as CandidateRow[];

  const inputGeo = geoOf(input.regions, countries);
  const scored = rows.map((row) => scoreCandidate(actor, input, countries, inputGeo, terms, row));
  return scored.filter((c) => c.score >= threshold).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
}

/** The draft's distinctive words, title words first, reduced to letters and digits. */
function distinctiveWords(terms: QueryTerms, max: number, titleOnly = false): string[] {
  const stems = titleOnly ? [...terms.title] : [...terms.title, ...[...terms.all.keys()].filter((stem) => !terms.title.has(stem))];
  return [...new Set(stems.map((stem) => terms.all.get(stem)!.replace(/[^\p{L}\p{N}]+/gu, '')).filter((w) => w.length >= 3))].slice(0, max);
}

/**
 * A tsquery text matching documents that contain `size` of `words` (fewer when there are fewer
 * words). Each combination is an intersection of GIN posting lists, where "any of the words" would
 * match most posts. The words hold only letters and digits, so no query operator comes from input.
 */
function wordsQuery(words: string[], size: number): string | null {
  if (words.length <= 1) return words[0] ?? null;
  const k = Math.min(size, words.length);
  const groups: string[] = [];
  const pick = (start: number, chosen: string[]) => {
    if (chosen.length === k) {
      groups.push(`(${chosen.join(' & ')})`);
      return;
    }
    for (let i = start; i < words.length; i++) pick(i + 1, [...chosen, words[i]!]);
  };
  pick(0, []);
  return groups.join(' | ');
}

/** Titles sharing three of the title's first five distinctive words (two when it has only two or three). */
function titleWordsQuery(terms: QueryTerms): string | null {
  const words = distinctiveWords(terms, 5, true);
  return wordsQuery(words, words.length >= 4 ? 3 : 2);
}

function scoreCandidate(actor: Actor, input: SimilarInput, countries: string[], inputGeo: string[], terms: QueryTerms, row: CandidateRow): Candidate {
  const reasons: Reason[] = [];
  const candidateStems = new Set(row.lexemes.filter((l) => !DOMAIN_STOP.has(l) && l.length >= 3 && !/^\d+$/.test(l)));
  const common = [...terms.all.keys()].filter((stem) => candidateStems.has(stem));
  const text = terms.all.size === 0 || candidateStems.size === 0 ? 0 : common.length / Math.sqrt(terms.all.size * candidateStems.size);
  const titleSim = Math.max(0, Math.min(1, Number(row.title_sim) || 0));

  let geo = 0;
  const sameCountries = shared(countries, row.countries);
  if (sameCountries.length > 0) {
    geo = 1;
    reasons.push({ code: 'same_country', values: sameCountries });
  } else {
    const regions = shared(inputGeo, row.geo).filter((code) => regionByCode(code));
    const best = regions.map((code) => ({ code, weight: REGION_WEIGHT[regionByCode(code)!.level] })).sort((a, b) => b.weight - a.weight)[0];
    if (best) {
      geo = best.weight;
      if (best.weight >= REGION_WEIGHT.subregion) reasons.push({ code: 'same_region', values: [best.code] });
    }
  }
  if (titleSim >= TITLE_REASON) reasons.push({ code: 'similar_title', values: [] });
  if (common.length > 0) {
    // Words of both titles first: they say best what the two posts are about.
    const titleStems = new Set(row.title_lexemes);
    const ordered = [...common].sort((a, b) => Number(titleStems.has(b) && terms.title.has(b)) - Number(titleStems.has(a) && terms.title.has(a)));
    reasons.push({ code: 'shared_terms', values: ordered.slice(0, 4).map((stem) => terms.all.get(stem)!) });
  }
  const areas = shared(input.areas, row.areas);
  if (areas.length > 0) reasons.push({ code: 'shared_areas', values: areas });
  const themes = shared(input.themes, row.themes);
  if (themes.length > 0) reasons.push({ code: 'shared_themes', values: themes });
  if (row.organization_id === actor.organizationId) reasons.push({ code: 'same_organization', values: [] });

  const score =
    WEIGHTS.title * titleSim +
    WEIGHTS.text * Math.min(1, text) +
    WEIGHTS.geo * geo +
    WEIGHTS.areas * jaccard(input.areas, row.areas) +
    WEIGHTS.themes * jaccard(input.themes, row.themes);
  return { id: row.id, score: Math.round(score * 1000) / 1000, reasons };
}
