// The semantic signal of a post: what it is about beyond its exact words.
// - `conceptsOf`: the thesaurus concepts (src/shared/taxonomy/concepts.ts) its text names;
// - `embed`: the mean of its words' vectors (word-vectors.ts), each weighted by how rare the word is
//   in English (inverse document frequency estimated from the word's frequency rank: by Zipf's law
//   a word of rank r appears in about 1/r of texts, so idf ≈ ln(r) up to a constant), title words
//   counted twice, then centred on the domain (the mean vector of the thesaurus' own words is taken
//   away, so the part every anti-trafficking text shares does not make all posts look alike) and
//   scaled to unit length. Cosine similarity of two such vectors relates "labour inspection" to
//   "monitoring workplaces" though no word is shared;
// - `blockingKeys` / `searchKeys`: the keys under which a post is filed for candidate search and
//   those under which a draft looks, so a draft is compared only with posts in its buckets (same
//   country, or a regional programme covering it; and a shared concept or a shared band of
//   the vector's locality-sensitive hash), never with every post.
// Pure functions over text: the same on every server, so stored vectors stay comparable.
import { CONCEPTS, type ConceptId } from '../../../shared/taxonomy/concepts.js';
import { countriesInRegion, regionByCode } from '../../../shared/taxonomy/index.js';
import { DIMENSIONS, wordVectors } from './word-vectors.js';

const MAX_TEXT = 6000;

/** English function words and the words nearly every post of this Forum uses. */
const STOP = new Set(
  (
    'a an the and or but nor of to in on at by for from with without within into onto over under about above below between among through during before after ' +
    'is are was were be been being am do does did done have has had having will would shall should can could may might must not no yes so than then too very ' +
    'this that these those it its they them their theirs we us our ours you your he she his her him i me my mine who whom whose which what when where why how ' +
    'all any both each either every few more most other some such only own same just also as if while because until again further once here there ' +
    'up down out off per via etc e.g i.e new one two three four five first second third many much several well including include includes ' +
    // The domain's common ground: says nothing about which work a post describes.
    'trafficking traffic trafficked traffickers trafficker human humans person persons people project projects programme programmes program programs ' +
    'national country countries government governments ministry ministries agency agencies organization organizations organisation organisations ' +
    'support supports supporting need needs help work working works activity activities plan plans propose proposed proposal seek seeking ' +
    'provide provides providing develop developing development technical assistance partner partners un gift unodc year years month months'
  ).split(/\s+/),
);

/** Spellings folded to one (British to American, -ise to -ize), before vectors and concepts. */
const SPELLING: [RegExp, string][] = [
  [/^labour/, 'labor'],
  [/^programme/, 'program'],
  [/^neighbour/, 'neighbor'],
  [/^(organ|recogn|sensit|harmon|special|mobil|criminal|priorit|standard|computer|digital|central|author|util|real|maxim|minim|modern)is(e|es|ed|ing|ation|ations)$/, '$1iz$2'],
  [/^centre(s?)$/, 'center$1'],
  [/^behaviour/, 'behavior'],
];

/** Words of a text, lower case, with spelling folded; inner hyphens and apostrophes kept. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  const lower = text.slice(0, MAX_TEXT).toLowerCase().replace(/[’‘`]/g, "'");
  for (const match of lower.matchAll(/\p{L}+(?:['-]\p{L}+)*/gu)) {
    let word = match[0].replace(/'s$/, '');
    for (const [pattern, replacement] of SPELLING) word = word.replace(pattern, replacement);
    out.push(word);
  }
  return out;
}

// ---------------------------------------------------------------- concepts

interface CompiledTerm {
  concept: ConceptId;
  stems: string[];
}

const stemMatches = (stem: string, word: string) =>
  stem.length >= 5 ? word.startsWith(stem) : word === stem || word === `${stem}s` || word === `${stem}es`;

const COMPILED: CompiledTerm[] = CONCEPTS.flatMap((c) => c.terms.map((term) => ({ concept: c.id as ConceptId, stems: tokens(term) })));
/** Terms by their first stem's first three letters, so a text is not matched against every term. */
const BY_PREFIX = new Map<string, CompiledTerm[]>();
for (const term of COMPILED) {
  const key = term.stems[0]!.slice(0, 3);
  BY_PREFIX.set(key, [...(BY_PREFIX.get(key) ?? []), term]);
}
const MAX_GAP = 2;

/** The thesaurus concepts a text names, with how often. */
export function conceptCounts(words: readonly string[]): Map<ConceptId, number> {
  const counts = new Map<ConceptId, number>();
  for (let i = 0; i < words.length; i++) {
    const seen = new Set<ConceptId>();
    for (const term of BY_PREFIX.get(words[i]!.slice(0, 3)) ?? []) {
      if (seen.has(term.concept) || !stemMatches(term.stems[0]!, words[i]!)) continue;
      let at = i;
      let ok = true;
      for (let k = 1; k < term.stems.length && ok; k++) {
        ok = false;
        for (let j = at + 1; j <= Math.min(words.length - 1, at + 1 + MAX_GAP); j++) {
          if (stemMatches(term.stems[k]!, words[j]!)) {
            at = j;
            ok = true;
            break;
          }
        }
      }
      if (ok) {
        seen.add(term.concept);
        counts.set(term.concept, (counts.get(term.concept) ?? 0) + 1);
      }
    }
  }
  return counts;
}

export function conceptsOf(title: string, body: string): ConceptId[] {
  return [...conceptCounts(tokens(`${title}\n${body}`)).keys()].sort();
}

// ---------------------------------------------------------------- vectors

/** idf estimated from the frequency rank: 0 for the 100 commonest English words, ln(r/100) after. */
const idfOfRank = (rank: number) => Math.max(0, Math.log((rank + 1) / 100));

function addWords(target: Float64Array, words: readonly string[], weight: number): number {
  const { rank, data } = wordVectors();
  let total = 0;
  for (const word of words) {
    if (STOP.has(word) || word.length < 3) continue;
    const parts = rank.has(word) ? [word] : word.split(/[-']/).filter((p) => p.length >= 3 && !STOP.has(p));
    for (const part of parts) {
      const r = rank.get(part);
      if (r === undefined) continue;
      const w = (weight * idfOfRank(r)) / parts.length;
      if (w === 0) continue;
      const base = r * DIMENSIONS;
      for (let d = 0; d < DIMENSIONS; d++) target[d]! += (w * data[base + d]!) / 127;
      total += w;
    }
  }
  return total;
}

let domainMean: Float64Array | null = null;
/** The mean direction of the domain's own words (every thesaurus term): taken away before comparing. */
function domainCentre(): Float64Array {
  if (domainMean) return domainMean;
  const sum = new Float64Array(DIMENSIONS);
  const total = addWords(sum, COMPILED.flatMap((t) => t.stems), 1);
  domainMean = sum.map((x) => x / (total || 1));
  return domainMean;
}

/** How much of the domain mean is taken away (1 would remove it whole). */
const CENTRE_SHARE = 1;

/** The post's unit vector, or null when it has no known words. */
export function embed(title: string, body: string): Float32Array | null {
  const sum = new Float64Array(DIMENSIONS);
  const total = addWords(sum, tokens(title), 2) + addWords(sum, tokens(body), 1);
  if (total === 0) return null;
  const centre = domainCentre();
  const v = new Float32Array(DIMENSIONS);
  let norm = 0;
  for (let d = 0; d < DIMENSIONS; d++) {
    v[d] = sum[d]! / total - CENTRE_SHARE * centre[d]!;
    norm += v[d]! * v[d]!;
  }
  norm = Math.sqrt(norm);
  if (norm === 0) return null;
  for (let d = 0; d < DIMENSIONS; d++) v[d]! /= norm;
  return v;
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  for (let d = 0; d < DIMENSIONS; d++) dot += a[d]! * b[d]!;
  return dot;
}

// ---------------------------------------------------------------- blocking

/** Bands of the random-hyperplane hash: 16 bands of 6 bits (96 hyperplanes, fixed seed). */
export const BANDS = 16;
export const BAND_BITS = 6;

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const HYPERPLANES: Float32Array = (() => {
  const random = mulberry32(20080213); // the Vienna Forum's opening day
  const planes = new Float32Array(BANDS * BAND_BITS * DIMENSIONS);
  for (let i = 0; i < planes.length; i += 2) {
    // Box–Muller: Gaussian components, so the planes' normals are uniform on the sphere.
    const u = Math.max(random(), 1e-12);
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    planes[i] = r * Math.cos(2 * Math.PI * v);
    planes[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return planes;
})();

/** The vector's band codes: `b<band>:<bits>`. Two vectors at cosine c agree on a bit with probability 1 − arccos(c)/π. */
export function bandsOf(vector: ArrayLike<number>): string[] {
  const out: string[] = [];
  for (let band = 0; band < BANDS; band++) {
    let bits = 0;
    for (let k = 0; k < BAND_BITS; k++) {
      const base = (band * BAND_BITS + k) * DIMENSIONS;
      let dot = 0;
      for (let d = 0; d < DIMENSIONS; d++) dot += HYPERPLANES[base + d]! * vector[d]!;
      bits = (bits << 1) | (dot >= 0 ? 1 : 0);
    }
    out.push(`b${band}:${bits.toString(16)}`);
  }
  return out;
}

/** Concepts that many different pieces of work share (a capacity-building or awareness post in every country): a match on them says less. */
export const BROAD_CONCEPTS: ReadonlySet<string> = new Set([
  'capacity_building', 'child_protection', 'community_prevention', 'civil_society_partnership', 'gender_women', 'online_technology', 'research_study',
  'forced_labour', 'awareness_campaign', 'cross_border_cooperation',
]);

const isCountry = (code: string) => /^[A-Z]{2}$/.test(code);
/** Sub-regions and intermediate regions; whole continents are too big to block on. */
const isSubRegion = (code: string) => !isCountry(code) && (regionByCode(code)?.level ?? 'region') !== 'region';

/**
 * The parts of a key after the place: each concept and each band of the vector. Broad concepts are
 * kept: within one country their buckets stay small enough, and they find paraphrases whose
 * vectors share no band.
 */
export function blockingParts(concepts: readonly string[], vector: ArrayLike<number> | null): string[] {
  return [...concepts.map((c) => `c:${c}`), ...(vector ? bandsOf(vector) : [])];
}

/**
 * Where a post is filed: each country it names; a post naming no country (a regional programme)
 * under each sub-region it names; `any` when it names neither. Country posts are not also filed
 * under their sub-regions: such a bucket would hold every post of a dozen countries.
 */
export function filingPlaces(geo: readonly string[]): string[] {
  const countries = geo.filter(isCountry);
  if (countries.length > 0) return countries;
  const regions = geo.filter(isSubRegion);
  return regions.length > 0 ? regions : ['any'];
}

/**
 * Where a post or draft looks for others: where it is filed, and the places the other side of a
 * country–region pair is filed under. A country post also looks under its sub-regions (regional
 * programmes covering it); a regional post also under each country of its sub-regions.
 */
export function searchPlaces(geo: readonly string[]): string[] {
  const own = filingPlaces(geo);
  if (geo.some(isCountry)) return [...own, ...geo.filter(isSubRegion)];
  return [...new Set([...own, ...own.filter((code) => code !== 'any').flatMap((code) => countriesInRegion(code))])];
}

const cross = (places: readonly string[], parts: readonly string[]) => places.flatMap((place) => parts.map((part) => `${place}|${part}`));

/** The keys a post is filed under (post_vectors.keys): `NG|c:hotline`, `NG|b3:2a`, `011|c:shelter`. */
export function blockingKeys(geo: readonly string[], concepts: readonly string[], vector: ArrayLike<number> | null): string[] {
  return cross(filingPlaces(geo), blockingParts(concepts, vector));
}

/** The keys under which to look for a post's or draft's candidates (a superset of its own keys). */
export function searchKeys(geo: readonly string[], parts: readonly string[]): string[] {
  return cross(searchPlaces(geo), parts);
}

/** The parts of stored keys (what follows the place), each once. */
export function partsOfKeys(keys: readonly string[]): string[] {
  return [...new Set(keys.map((key) => key.slice(key.indexOf('|') + 1)))];
}
