// "Looks like existing work": for a draft or a saved post, the posts that may describe the same
// project. Three signals, each with its own way of finding candidates, so that no single one (and
// no exact word) decides whether a duplicate is even looked at:
// - lexical: the words of titles and descriptions (full-text search through the GIN indexes,
//   several words at a time), scored by title trigrams and the share of distinctive stems;
// - structural: same country or sub-region, kind, TA areas, themes, forms of exploitation, time
//   span, budget scale (candidates: same country sharing an area);
// - semantic: the post's word-vector and thesaurus concepts (semantic/text.ts), stored when the
//   post is saved (post_vectors); candidates are the posts filed under the same blocking keys
//   (country or sub-region × concept or vector band), ranked by how many keys they share — never
//   every post.
// All candidates come from `visiblePosts(...)`, so nothing the user may not see is ever suggested.
// Each candidate is scored by `scoreParts` + `combine` (pure, shared with the whole-corpus scan in
// corpus-scan.ts), with reasons as codes the web app turns into words ("same country: Nigeria;
// both about identifying victims, inspecting workplaces for forced labour; 2 shared areas").
import { sql, type Kysely } from 'kysely';
import type { PostKind } from '../../shared/exchange.js';
import { regionByCode } from '../../shared/taxonomy/index.js';
import type { Actor } from '../access/index.js';
import type { Database } from '../db/schema.js';
import { geoOf } from '../exchange/post-model.js';
import { visiblePosts } from '../exchange/post-queries.js';
import { BROAD_CONCEPTS, cosine } from './semantic/text.js';
import { semanticFeatures } from './semantic/store.js';

export type ReasonCode =
  | 'same_country'
  | 'same_region'
  | 'similar_title'
  | 'shared_terms'
  | 'shared_concepts'
  | 'similar_meaning'
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
  exploitation?: string[];
  startsOn?: string | null;
  endsOn?: string | null;
  budgetAmount?: string | number | null;
  /** The post being edited: never its own suggestion, nor any post it has been marked against. */
  postId?: string;
}

export interface Candidate {
  id: string;
  score: number;
  reasons: Reason[];
  parts: Parts;
}

/**
 * Stems too common in this domain to say anything about two posts being the same work (nearly every
 * post is about trafficking in persons, a national plan, a programme…).
 */
export const DOMAIN_STOP = new Set([
  'traffick', 'person', 'human', 'project', 'programm', 'program', 'nation', 'countri', 'need', 'work', 'support', 'use', 'new',
  'also', 'includ', 'one', 'two', 'three', 'will', 'can', 'year', 'month', 'first', 'help', 'would', 'agenc', 'organ', 'ministri', 'govern',
  'intern', 'un', 'gift', 'unodc', 'want', 'part', 'well', 'offer', 'request', 'propos', 'plan', 'activ', 'partner', 'seek', 'provid', 'develop',
  'technic', 'assist', 'servic',
  // Everyday words that carry no topic.
  'often', 'without', 'within', 'across', 'mani', 'may', 'must', 'make', 'take', 'way', 'case', 'time', 'other', 'even', 'base', 'level', 'like',
  'rather', 'still', 'much', 'everi', 'whether', 'becaus', 'howev', 'alreadi', 'follow', 'first', 'second', 'good', 'best', 'main',
]);
export const keepStem = (l: string) => l.length >= 3 && !DOMAIN_STOP.has(l) && !/^\d+$/.test(l);

/** The parts of a score, each in [0, 1]. */
export interface Parts {
  /** lexical: trigram similarity of the titles */
  title: number;
  /** lexical: shared distinctive stems of title and description (cosine of the stem sets) */
  text: number;
  /** structural: same country (1), or a shared region (REGION_WEIGHT); it scales the score rather than adding to it */
  geo: number;
  /** structural: the mean of kind, areas, themes, exploitation, time span and budget scale, over those both posts state */
  structure: number;
  /** semantic: cosine of the word-vectors (negative counts as 0) */
  meaning: number;
  /** semantic: overlap of the thesaurus concepts (broad concepts count less) */
  concepts: number;
}
export type Weights = Record<keyof Parts, number>;
export type Signal = 'lexical' | 'structural' | 'semantic';
export const SIGNAL_PARTS: Record<Signal, (keyof Parts)[]> = { lexical: ['title', 'text'], structural: ['geo', 'structure'], semantic: ['meaning', 'concepts'] };

/** How much each part weighs (sums to 1); chosen on the tuning half of the evaluation set only (eval/tune.ts). */
export const WEIGHTS: Weights = { title: 0, text: 0.3, geo: 0.5, structure: 0, meaning: 0.1, concepts: 0.1 };
/** Below this a candidate is not shown (chosen on the tuning half of the evaluation set). */
export const SUGGEST_THRESHOLD = 0.3;

/**
 * The score: the weighted mean of the other parts, times a geography factor `1 − w.geo × (1 − geo)`,
 * so that the same work in another country scores well below a duplicate in the same place (a
 * signal left out of an ablation has weight 0; with `geo` at 0 the place does not matter).
 */
export function combine(parts: Parts, weights: Weights = WEIGHTS): number {
  let sum = 0, total = 0;
  for (const key of Object.keys(weights) as (keyof Parts)[]) {
    if (key === 'geo') continue;
    sum += weights[key] * parts[key];
    total += weights[key];
  }
  const base = total === 0 ? parts.geo : sum / total;
  return Math.round(base * (1 - weights.geo * (1 - parts.geo)) * 1000) / 1000;
}

const TITLE_REASON = 0.45;
const MEANING_REASON = 0.55;
const MAX_BODY = 4000;
const PER_SOURCE = 60;
const SEMANTIC_CANDIDATES = 80;
/** With fewer candidates than this, a country draft also looks at its country's latest posts (at most FALLBACK_ROWS), keeping the FALLBACK_CANDIDATES closest in meaning. */
const FALLBACK_BELOW = 10;
const FALLBACK_ROWS = 300;
const FALLBACK_CANDIDATES = 20;

/** What scoring needs of one side of a pair: a draft or a stored post. */
export interface Features {
  id: string | null;
  organizationId: string | null;
  kind: string | null;
  title: string;
  /** Distinctive stems (Postgres' English stemmer), with a word written for each where known. */
  stems: Map<string, string>;
  titleStems: Set<string>;
  countries: string[];
  geo: string[];
  areas: string[];
  themes: string[];
  exploitation: string[];
  startsOn: string | null;
  endsOn: string | null;
  budget: number | null;
  vector: ArrayLike<number> | null;
  concepts: string[];
}

const shared = <T>(a: readonly T[], b: readonly T[]) => {
  const set = new Set(b);
  return [...new Set(a)].filter((x) => set.has(x));
};
const jaccard = (a: readonly string[], b: readonly string[]) => {
  const union = new Set([...a, ...b]).size;
  return union === 0 ? 0 : shared(a, b).length / union;
};

/** pg_trgm's similarity(), in JS: words padded with two spaces in front and one behind, trigram sets compared by Jaccard. */
export function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}
export function trigramSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const t of a) if (b.has(t)) common++;
  return common / (a.size + b.size - common);
}

/**
 * A shared region when no country is shared. Where one post names only regions (a regional
 * programme), it covers the other's countries: the region counts nearly as much as a country.
 * Where both name countries and none is shared, it is the same kind of work elsewhere.
 */
const REGION_WEIGHT = {
  covering: { intermediate: 0.8, subregion: 0.8, region: 0.5 },
  elsewhere: { intermediate: 0.3, subregion: 0.3, region: 0.1 },
} as const;
const conceptWeight = (c: string) => (BROAD_CONCEPTS.has(c) ? 0.35 : 1);

function conceptSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const sum = (xs: readonly string[]) => xs.reduce((s, c) => s + conceptWeight(c) ** 2, 0);
  const common = shared(a, b).reduce((s, c) => s + conceptWeight(c) ** 2, 0);
  return common / Math.sqrt(sum(a) * sum(b));
}

function timeOverlap(a: Features, b: Features): number | null {
  if (!a.startsOn || !b.startsOn) return null;
  const [as, ae, bs, be] = [a.startsOn, a.endsOn ?? a.startsOn, b.startsOn, b.endsOn ?? b.startsOn].map((d) => Date.parse(d));
  const overlap = Math.min(ae!, be!) - Math.max(as!, bs!);
  if (overlap < 0) return 0;
  const span = Math.max(ae!, be!) - Math.min(as!, bs!);
  return span === 0 ? 1 : overlap / span;
}

/** The reasons after place and title: concepts, meaning, words, areas and themes both posts name. */
function addReasons(a: Features, b: Features, common: string[], meaning: number, reasons: Reason[]): void {
  const conceptsShared = shared(a.concepts, b.concepts).sort((x, y) => conceptWeight(y) - conceptWeight(x) || x.localeCompare(y));
  if (conceptsShared.length > 0) reasons.push({ code: 'shared_concepts', values: conceptsShared.slice(0, 3) });
  if (meaning >= MEANING_REASON) reasons.push({ code: 'similar_meaning', values: [] });
  if (common.length > 0) {
    // Words of both titles first: they say best what the two posts are about.
    const ordered = [...common].sort((x, y) => Number(b.titleStems.has(y) && a.titleStems.has(y)) - Number(b.titleStems.has(x) && a.titleStems.has(x)));
    reasons.push({ code: 'shared_terms', values: ordered.slice(0, 4).map((stem) => a.stems.get(stem) || b.stems.get(stem) || stem) });
  }
  const areas = shared(a.areas, b.areas);
  if (areas.length > 0) reasons.push({ code: 'shared_areas', values: areas });
  const themes = shared(a.themes, b.themes);
  if (themes.length > 0) reasons.push({ code: 'shared_themes', values: themes });
}

/**
 * The parts of the score of a pair, and its reasons (from `a`'s point of view: `b` is the candidate).
 * `withReasons` false leaves the reasons out (the whole-corpus scan words only the pairs it keeps).
 */
export function scoreParts(a: Features, b: Features, titleTrigrams?: [Set<string>, Set<string>], withReasons = true): { parts: Parts; reasons: Reason[] } {
  const reasons: Reason[] = [];
  const common = [...a.stems.keys()].filter((stem) => b.stems.has(stem));
  const text = a.stems.size === 0 || b.stems.size === 0 ? 0 : Math.min(1, common.length / Math.sqrt(a.stems.size * b.stems.size));
  const [ta, tb] = titleTrigrams ?? [trigrams(a.title), trigrams(b.title)];
  const title = trigramSimilarity(ta, tb);

  let geo = 0;
  const sameCountries = shared(a.countries, b.countries);
  if (sameCountries.length > 0) {
    geo = 1;
    reasons.push({ code: 'same_country', values: sameCountries });
  } else {
    const table = a.countries.length === 0 || b.countries.length === 0 ? REGION_WEIGHT.covering : REGION_WEIGHT.elsewhere;
    const regions = shared(a.geo, b.geo).filter((code) => regionByCode(code));
    const best = regions.map((code) => ({ code, level: regionByCode(code)!.level })).sort((x, y) => table[y.level] - table[x.level])[0];
    if (best) {
      geo = table[best.level];
      if (best.level !== 'region') reasons.push({ code: 'same_region', values: [best.code] });
    }
  }
  if (title >= TITLE_REASON) reasons.push({ code: 'similar_title', values: [] });

  const concepts = conceptSimilarity(a.concepts, b.concepts);
  const meaning = a.vector && b.vector ? Math.max(0, cosine(a.vector, b.vector)) : 0;
  if (withReasons) addReasons(a, b, common, meaning, reasons);

  const structural: number[] = [];
  if (a.kind && b.kind) structural.push(a.kind === b.kind ? 1 : 0);
  if (a.areas.length && b.areas.length) structural.push(jaccard(a.areas, b.areas));
  if (a.themes.length && b.themes.length) structural.push(jaccard(a.themes, b.themes));
  if (a.exploitation.length && b.exploitation.length) structural.push(jaccard(a.exploitation, b.exploitation));
  const time = timeOverlap(a, b);
  if (time !== null) structural.push(time);
  if (a.budget && b.budget && a.budget > 0 && b.budget > 0) structural.push(Math.max(0, 1 - Math.abs(Math.log10(a.budget / b.budget)) / 2));
  const structure = structural.length === 0 ? 0 : structural.reduce((s, x) => s + x, 0) / structural.length;

  return { parts: { title, text, geo, structure, meaning, concepts }, reasons };
}

// ---------------------------------------------------------------- the compose check and a post's suggestions

/** Token types of PostgreSQL's default parser that the `english` configuration stems (the others it keeps as they are). */
const STEMMED_TOKENS = [1, 2, 10, 11, 16, 17];
const INDEXED_TOKENS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16, 17, 18, 19, 20, 21, 22];

/**
 * The draft's stems as `to_tsvector('english', …)` makes them (so they compare with the stored
 * `search` vectors), each with a word written for it, in one query: the parser's tokens, each
 * through the dictionary the `english` configuration maps its type to. (`ts_debug` gives the same
 * but is a SQL function joining catalogues: 5–25 ms a call, most of the check's own time.)
 */
async function draftStems(db: Kysely<Database>, title: string, body: string): Promise<{ stems: Map<string, string>; titleStems: Set<string> }> {
  const rows = await sql<{ part: number; token: string; lexemes: string[] | null }>`
    select t.part, t.token, ts_lexize((case when t.tokid = any(${sql.val(STEMMED_TOKENS)}::int[]) then 'english_stem' else 'simple' end)::regdictionary, t.token) as lexemes
    from (
      select 1 as part, x.tokid, x.token, x.n from ts_parse('default', ${title}) with ordinality as x(tokid, token, n)
      union all
      select 2 as part, y.tokid, y.token, y.n from ts_parse('default', ${body.slice(0, MAX_BODY)}) with ordinality as y(tokid, token, n)
    ) t
    where t.tokid = any(${sql.val(INDEXED_TOKENS)}::int[])
    order by t.part, t.n`.execute(db);
  const stems = new Map<string, string>();
  const titleStems = new Set<string>();
  for (const row of rows.rows) {
    for (const lexeme of row.lexemes ?? []) {
      if (!keepStem(lexeme)) continue;
      if (!stems.has(lexeme)) stems.set(lexeme, row.token.toLowerCase());
      if (row.part === 1) titleStems.add(lexeme);
    }
  }
  // In the order tsvector_to_array gives (byte order), as the title's words have always been taken.
  return { stems, titleStems: new Set([...titleStems].sort(byteOrder)) };
}
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

export interface FindOptions {
  limit?: number;
  threshold?: number;
  exclude?: Set<string>;
  weights?: Weights;
  /** The signals used, to find candidates and to score them (all three unless an evaluation leaves one out). */
  signals?: readonly Signal[];
}

/**
 * Posts the actor may see that look like the same work as `input`, best first. `exclude` lists post
 * ids never to suggest (the post itself, pairs marked by organizers).
 */
export async function findSimilar(db: Kysely<Database>, actor: Actor, input: SimilarInput, options: FindOptions = {}): Promise<Candidate[]> {
  const limit = options.limit ?? 5;
  const threshold = options.threshold ?? SUGGEST_THRESHOLD;
  const signals = new Set<Signal>(options.signals ?? ['lexical', 'structural', 'semantic']);
  const weights = { ...(options.weights ?? WEIGHTS) };
  for (const signal of ['lexical', 'structural', 'semantic'] as const) if (!signals.has(signal)) for (const part of SIGNAL_PARTS[signal]) weights[part] = 0;

  const title = input.title.trim();
  if (title.length < 3 && input.body.trim().length < 20) return [];
  const countries = input.countries.map((c) => c.toUpperCase());
  const [{ stems, titleStems }, semantic] = [await draftStems(db, title, input.body), semanticFeatures({ ...input, countries })];
  const draft: Features = {
    id: null, organizationId: actor.organizationId, kind: input.kind ?? null, title, stems, titleStems, countries, geo: geoOf(input.regions, countries),
    areas: input.areas, themes: input.themes, exploitation: input.exploitation ?? [], startsOn: input.startsOn ?? null, endsOn: input.endsOn ?? null,
    budget: input.budgetAmount == null ? null : Number(input.budgetAmount), vector: semantic.vector, concepts: semantic.concepts,
  };
  const exclude = new Set(options.exclude ?? []);
  if (input.postId) exclude.add(input.postId);

  const base = () => visiblePosts(db, actor, {}).where('p.hidden_at', 'is', null);
  const ids = new Set<string>();
  const sources: Promise<{ id: string }[]>[] = [];
  if (signals.has('lexical')) {
    // Posts whose titles share several of this title's distinctive words (posts_title_words_idx),
    // the most similar titles by trigram similarity first.
    const tsQuery = titleWordsQuery(draft);
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
    const textQuery = wordsQuery(distinctiveWords(draft, 6), 3);
    if (textQuery) sources.push(base().select('p.id').where(sql<boolean>`p.search @@ to_tsquery('english', ${textQuery})`).limit(PER_SOURCE / 2).execute());
  }
  if (signals.has('structural') && countries.length > 0 && input.areas.length > 0) {
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
  if (signals.has('semantic') && semantic.searchKeys.length > 0) {
    // The posts filed under the draft's search keys (post_vectors_keys_idx), those sharing most keys
    // first, then narrowed to what the actor may see (by primary key). One index probe per key
    // (a lateral join): asked "keys && all of them" at once, the planner overestimates the rows
    // and reads every row of post_vectors instead, comparing text arrays (1.4 s at 20,000 posts).
    sources.push(
      (async () => {
        const ranked = await sql<{ post_id: string; shared: number }>`
          select v.post_id, count(*)::int as shared
          from unnest(${sql.val(semantic.searchKeys)}::text[]) as k(key)
          cross join lateral (select post_id from post_vectors where keys @> array[k.key]) v
          group by v.post_id
          order by shared desc, v.post_id
          limit ${SEMANTIC_CANDIDATES * 3}`.execute(db);
        if (ranked.rows.length === 0) return [];
        const visible = new Set((await base().select('p.id').where(sql<boolean>`p.id = any(${sql.val(ranked.rows.map((r) => r.post_id))}::uuid[])`).execute()).map((r) => r.id));
        return ranked.rows.filter((r) => visible.has(r.post_id)).slice(0, SEMANTIC_CANDIDATES).map((r) => ({ id: r.post_id }));
      })(),
    );
  }
  for (const rows of await Promise.all(sources)) for (const row of rows) if (!exclude.has(row.id)) ids.add(row.id);
  if (signals.has('semantic') && countries.length > 0 && ids.size < FALLBACK_BELOW && semantic.vector) {
    // A draft that shares no words, no concept and no vector band with anything in its country
    // (the example: another wording, no area ticked) still has its country's posts looked
    // at: the most recent ones the actor may see, the closest in meaning first.
    const vector = semantic.vector;
    const local = await base()
      .innerJoin('post_vectors as v', 'v.post_id', 'p.id')
      .select(['p.id', sql<string | null>`array_to_string(v.vector, ',')`.as('vector_text')])
      .where(sql<boolean>`p.geo && ${sql.val(countries)}::text[]`)
      .orderBy('p.created_at', 'desc')
      .limit(FALLBACK_ROWS)
      .execute();
    local
      .filter((row) => row.vector_text && !exclude.has(row.id))
      .map((row) => ({ id: row.id, cosine: cosine(vector, row.vector_text!.split(',').map(Number)) }))
      .sort((a, b) => b.cosine - a.cosine)
      .slice(0, FALLBACK_CANDIDATES)
      .forEach((row) => ids.add(row.id));
  }
  if (ids.size === 0) return [];

  // Again through visiblePosts: what is scored is only ever what the actor may see.
  const rows = await base()
    .leftJoin('post_vectors as v', 'v.post_id', 'p.id')
    .select([
      'p.id', 'p.organization_id', 'p.kind', 'p.title', 'p.countries', 'p.geo', 'p.areas', 'p.themes', 'p.exploitation', 'p.starts_on', 'p.ends_on', 'p.budget_amount',
      'v.concepts',
      ...featureTexts(),
    ])
    .where(sql<boolean>`p.id = any(${sql.val([...ids])}::uuid[])`)
    .execute();

  const draftTrigrams = trigrams(title);
  const scored = rows.map((row) => {
    const candidate = featuresOfRow(row);
    const { parts, reasons } = scoreParts(draft, candidate, [draftTrigrams, trigrams(candidate.title)]);
    if (row.organization_id === actor.organizationId) reasons.push({ code: 'same_organization', values: [] });
    return { id: row.id, score: combine(parts, weights), reasons: reasons.filter((r) => reasonShown(r.code, signals)), parts };
  });
  return scored.filter((c) => c.score >= threshold).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
}

const REASON_SIGNAL: Partial<Record<ReasonCode, Signal>> = { similar_title: 'lexical', shared_terms: 'lexical', shared_concepts: 'semantic', similar_meaning: 'semantic' };
const reasonShown = (code: ReasonCode, signals: Set<Signal>) => !REASON_SIGNAL[code] || signals.has(REASON_SIGNAL[code]);

export interface FeatureRow {
  id: string;
  organization_id: string;
  kind: string;
  title: string;
  countries: string[];
  geo: string[];
  areas: string[];
  themes: string[];
  exploitation: string[];
  starts_on: string | null;
  ends_on: string | null;
  budget_amount: string | null;
  concepts: string[] | null;
  /** The stored vector, its numbers joined by commas (featureTexts). */
  vector_text: string | null;
  /** The stems of title and description, joined by spaces. */
  lexemes_text: string;
  /** The stems of the title, joined by spaces. */
  title_lexemes_text: string;
}

/**
 * The columns of a candidate's features that are arrays, each read as one string (of `p` posts and
 * `v` post_vectors): split in JavaScript, 200 candidates' vectors and stems arrive several times
 * faster than as arrays, which the driver parses character by character. A lexeme never holds a
 * space (the parser splits words at spaces).
 */
export const featureTexts = () => [
  sql<string | null>`array_to_string(v.vector, ',')`.as('vector_text'),
  sql<string>`array_to_string(tsvector_to_array(p.search), ' ')`.as('lexemes_text'),
  sql<string>`array_to_string(tsvector_to_array(to_tsvector('english', p.title)), ' ')`.as('title_lexemes_text'),
];

const words = (text: string) => (text ? text.split(' ') : []);

export function featuresOfRow(row: FeatureRow): Features {
  const stems = new Map<string, string>();
  for (const l of words(row.lexemes_text)) if (keepStem(l)) stems.set(l, '');
  return {
    id: row.id, organizationId: row.organization_id, kind: row.kind, title: row.title, stems, titleStems: new Set(words(row.title_lexemes_text).filter((l) => stems.has(l))),
    countries: row.countries, geo: row.geo, areas: row.areas, themes: row.themes, exploitation: row.exploitation, startsOn: row.starts_on, endsOn: row.ends_on,
    budget: row.budget_amount == null ? null : Number(row.budget_amount), vector: row.vector_text ? Float32Array.from(row.vector_text.split(','), Number) : null, concepts: row.concepts ?? [],
  };
}

/** The draft's distinctive words, title words first, reduced to letters and digits. */
function distinctiveWords(draft: Features, max: number, titleOnly = false): string[] {
  const stems = titleOnly ? [...draft.titleStems] : [...draft.titleStems, ...[...draft.stems.keys()].filter((stem) => !draft.titleStems.has(stem))];
  return [...new Set(stems.map((stem) => draft.stems.get(stem)!.replace(/[^\p{L}\p{N}]+/gu, '')).filter((w) => w.length >= 3))].slice(0, max);
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
function titleWordsQuery(draft: Features): string | null {
  const words = distinctiveWords(draft, 5, true);
  return wordsQuery(words, words.length >= 4 ? 3 : 2);
}
