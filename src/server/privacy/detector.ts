// The victim-privacy guard's detector: finds the signs that a text identifies a person (a full
// name next to words such as victim or rescued, an age with a name, passport, ID and phone numbers,
// exact addresses, dates of birth). It is a set of rules, not a model: each finding says which rule
// fired and why, so a writer can see what to change. Names of officials (a title before or after
// the name), organizations and places are not flagged. Measured on the labelled set in ./eval.
import countries from 'i18n-iso-countries';
import type { FindingKind } from '../../shared/moderation.js';

export interface Finding {
  /** The field of the request the text came from, e.g. `body`. */
  field: string;
  kind: FindingKind;
  /** The part of the text that looks like personal data. */
  text: string;
  /** Offsets in the field's text (UTF-16 code units). */
  start: number;
  end: number;
  /** Why, in words. */
  reason: string;
  /** For a face in an image: where, in percent of the image's width and height from the top left. */
  region?: { left: number; top: number; width: number; height: number };
}

// ---- vocabularies ---------------------------------------------------------------------------

/** Words next to which a name is likely a victim's. */
const VICTIM_WORDS = /\b(victims?|survivors?|rescued|trafficked|exploited|escaped|girls?|boys?|child|minor|daughter|son|sold|recruited|forced|enslaved|abused|identified as a victim|freed|returnee|held)\b/i;
/** A verb phrase right after a single given name that tells of what happened to a person. */
const VICTIM_VERBS = /^\s+(was|were|has been|had been)\s+(trafficked|rescued|sold|exploited|recruited|forced|abused|freed|identified)\b/i;

/** Titles and roles before a name: the person is an official or a public figure. */
const TITLES = new Set(
  [
    'minister', 'ambassador', 'director', 'director-general', 'president', 'vice-president', 'secretary', 'secretary-general', 'commissioner', 'chairman', 'chair',
    'chairperson', 'judge', 'justice', 'prosecutor', 'senator', 'deputy', 'dr', 'professor', 'prof', 'mr', 'ms', 'mrs', 'sir', 'dame', 'queen', 'king', 'prince',
    'princess', 'sheikh', 'sheikha', 'excellency', 'h.e', 'rapporteur', 'inspector', 'officer', 'chief', 'head', 'coordinator', 'spokesperson', 'representative',
    'mayor', 'governor', 'lady', 'lord', 'executive', 'general', 'colonel', 'captain', 'superintendent', 'attorney', 'counsel', 'ombudsman', 'ombudsperson',
    'consultant', 'expert', 'author', 'editor', 'journalist', 'researcher', 'lecturer', 'dean', 'rector', 'bishop', 'rev', 'reverend', 'father', 'sister',
  ].map((w) => w.replace(/\.$/, '')),
);

/** Words that make a capitalized phrase an organization, a place, an instrument or an event. */
const NON_PERSON_WORDS = new Set(
  [
    'agency', 'office', 'ministry', 'foundation', 'international', 'organization', 'organisation', 'association', 'centre', 'center', 'network', 'union', 'council',
    'commission', 'committee', 'university', 'institute', 'forum', 'programme', 'program', 'initiative', 'police', 'court', 'department', 'bureau', 'service',
    'services', 'coalition', 'alliance', 'fund', 'bank', 'group', 'project', 'campaign', 'protocol', 'convention', 'declaration', 'act', 'law', 'plan', 'framework',
    'action', 'report', 'nations', 'united', 'european', 'african', 'asian', 'american', 'arab', 'global', 'national', 'regional', 'republic', 'kingdom', 'states',
    'state', 'federal', 'government', 'parliament', 'parliamentary', 'assembly', 'secretariat', 'partnership', 'trust', 'society', 'red', 'cross', 'crescent',
    'church', 'mission', 'school', 'hospital', 'shelter', 'house', 'home', 'hotel', 'airlines', 'airport', 'station', 'street', 'road', 'avenue', 'square',
    'operation', 'process', 'peace', 'movement', 'women', 'children', 'rights', 'human', 'labour', 'labor', 'trafficking', 'handbook', 'guidelines', 'manual',
    'toolkit', 'session', 'room', 'panel', 'workshop', 'conference', 'summit', 'day', 'week', 'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern',
    'western', 'central', 'middle', 'new', 'saint', 'san', 'santa', 'lake', 'river', 'sea', 'ocean', 'mountains', 'island', 'islands', 'city', 'province',
    'district', 'region', 'county', 'village', 'town', 'vienna', 'geneva', 'new york', 'brussels', 'lagos', 'abuja', 'kampala', 'chisinau', 'bangkok', 'manila',
    'nairobi', 'cairo', 'warsaw', 'bucharest', 'kyiv', 'kiev', 'moscow', 'beijing', 'delhi', 'mumbai', 'dhaka', 'kathmandu', 'jakarta', 'cape', 'town', 'accra',
    'dakar', 'tirana', 'athens', 'rome', 'paris', 'london', 'berlin', 'madrid', 'lisbon', 'amman', 'beirut', 'doha', 'dubai', 'riyadh', 'tashkent', 'almaty',
    'balkans', 'mediterranean', 'sahel', 'caribbean', 'africa', 'asia', 'europe', 'america', 'americas', 'oceania', 'pacific', 'atlantic', 'austria', 'gift',
    'europol', 'interpol', 'frontex', 'unicef', 'unodc', 'unhcr', 'ohchr', 'osce', 'iom', 'ilo', 'ipu', 'naptip', 'accor', 'microsoft', 'manpower', 'strada',
    'terre', 'des', 'hommes', 'save', 'the', 'of', 'and', 'for', 'on', 'in', 'de', 'la', 'le', 'el', 'du', 'al', 'bali', 'harbour', 'safe', 'times', 'post',
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august',
    'september', 'october', 'november', 'december', 'christmas', 'easter', 'ramadan', 'god', 'internet', 'facebook', 'english', 'french', 'spanish', 'russian',
    'arabic', 'chinese', 'call', 'proposals', 'virtual', 'vienna forum', 'first', 'main', 'general', 'special', 'annex', 'part', 'table', 'article', 'chapter',
  ],
);

/** Words that start sentences or name groups rather than people. */
const NOT_A_GIVEN_NAME = new Set([
  'the', 'this', 'that', 'these', 'those', 'in', 'on', 'at', 'a', 'an', 'our', 'we', 'she', 'he', 'they', 'her', 'his', 'their', 'its', 'it', 'after', 'before',
  'during', 'when', 'while', 'since', 'many', 'most', 'some', 'every', 'each', 'all', 'victims', 'victim', 'survivors', 'survivor', 'girls', 'boys', 'children',
  'women', 'men', 'please', 'contact', 'call', 'more', 'than', 'dob', 'date', 'passport', 'identity', 'id', 'her', 'rescued', 'trafficked', 'funding', 'reference',
  'session', 'room', 'police', 'you', 'your', 'if', 'as', 'for', 'with', 'from', 'by', 'to', 'of', 'and', 'or', 'but', 'not', 'no', 'yes', 'both', 'two', 'three',
  'one', 'also', 'however', 'today', 'yesterday', 'tomorrow', 'there', 'here', 'what', 'who', 'why', 'how', 'where', 'which', 'whose', 'whom', 'mobile', 'phone',
  'identified', 'female', 'male', 'general', 'resolution', 'survivor', 'minister', 'operation', 'funding', 'professor', 'ambassador', 'ms', 'mr', 'mrs', 'dr',
]);

const COUNTRY_WORDS: Set<string> = (() => {
  const words = new Set<string>();
  for (const names of Object.values(countries.getNames('en', { select: 'all' }))) {
    for (const name of names) for (const word of name.toLowerCase().split(/[\s,()'’.-]+/)) if (word.length > 2) words.add(word);
  }
  // Demonyms and adjectives of places the Forum's texts use most.
  for (const w of ['moldovan', 'nigerian', 'romanian', 'ukrainian', 'albanian', 'thai', 'filipino', 'brazilian', 'egyptian', 'ghanaian', 'kenyan', 'nepali', 'indian', 'chinese', 'russian', 'polish', 'italian', 'austrian', 'german', 'british', 'balkan', 'emirates', 'arab']) words.add(w);
  return words;
})();

const isPlaceOrOrgWord = (word: string) => {
  const w = word.toLowerCase().replace(/[’']s$/, '');
  return NON_PERSON_WORDS.has(w) || COUNTRY_WORDS.has(w);
};

// ---- patterns -------------------------------------------------------------------------------

const NAME_WORD = String.raw`\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?`;
/** Two or three capitalized words, or a given name and an initial ("Aisha K."). */
const FULL_NAME = new RegExp(String.raw`(?<![\p{L}\p{N}])(${NAME_WORD})(?:\s+(${NAME_WORD})){1,2}(?![\p{L}])|(?<![\p{L}\p{N}])(${NAME_WORD})\s+\p{Lu}\.`, 'gu');
/** A single given name followed by its age: "Elena, 16," / "Ion (16)" / "Daniela, aged 13". */
const NAME_THEN_AGE = new RegExp(String.raw`(?<![\p{L}\p{N}])(${NAME_WORD}(?:\s+${NAME_WORD}|\s+\p{Lu}\.)?)\s*(?:,\s*(?:aged?\s+)?|\(\s*(?:aged?\s+)?)(\d{1,2})\s*(?:\)|,|\s+years?\s+old\b|\s+year-old\b)`, 'gu');
/** An age expression anywhere: "17-year-old", "aged 15", "she is 24". */
const AGE = /\b(\d{1,2})[- ]years?[- ]old\b|\baged?\s+\d{1,2}\b|\b(?:she|he) is \d{1,2}\b|,\s*\d{1,2}\s*,/gi;

const PHONE_KEYWORD = /\b(phone|tel|telephone|mobile|cell|whatsapp|viber|call|reach|sms|text)\b/i;
const HOTLINE = /\b(hotline|helpline|help line|switchboard|toll[- ]free|emergency number|info line|line)\b/i;
/** International numbers, or local ones written in groups. */
const PHONE = /(?<![\w/])(?:\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}|\(?0\d{2,4}\)?[\s.-]\d{3,4}(?:[\s.-]\d{2,4}){1,2})(?![\w/])/g;

const ID_NUMBER = /\b(passport|identity card|id card|national id|identity number|id number|id no|personal number|document number|birth certificate|residence permit|alien registration|identity document)\b(?:\s*(?:no\.?|number|nr\.?|#))?\s*(?:is|was|:|#)?\s*([A-Z]{0,3}[-\s]?\d[\d\s-]{4,14}\d|[A-Z]{1,3}\d{5,10})/gi;

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
const DATE = String.raw`(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:${MONTHS})\.?\s+(?:19|20)\d{2}|(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2})`;
const BIRTH = new RegExp(String.raw`\b(?:date of birth|birth date|d\.?o\.?b\.?|born)\b\s*(?:on|in|:)?\s*(${DATE}|(?:19|20)\d{2}\b)`, 'gi');

const STREET_SUFFIX = 'street|st\\.|road|rd\\.?|avenue|ave\\.?|lane|boulevard|blvd\\.?|drive|close|crescent|terrace|way';
const ADDRESS_EN = new RegExp(String.raw`\b\d{1,5}[A-Za-z]?,?\s+(?:\p{Lu}[\p{Ll}'’-]+\s+){1,3}(?:${STREET_SUFFIX})\b`, 'giu');
const ADDRESS_EU = new RegExp(String.raw`\b\p{Lu}[\p{Ll}-]*(?:strasse|straße|gasse|weg|platz|ulica|utca|straat|vej|gatan)\s+\d{1,4}[a-z]?\b|\b(?:calle|rue|via|avenida|strada|ulitsa|ul\.)\s+(?:\p{Lu}[\p{Ll}'’-]+\s+){1,3}\d{1,4}\b`, 'giu');
const DWELLING = /\b(?:apartment|apt\.?|flat)\s*(?:no\.?\s*)?\d{1,4}\b/gi;
/** An address named as a venue or an office is an organization's, not a person's. */
const ORGANIZATION_PLACE = /\b(office|offices|headquarters|secretariat|venue|centre|center|conference|premises|workshop|session|branch|hotel|embassy|ministry)\b/i;

// ---- helpers --------------------------------------------------------------------------------

function previousWords(text: string, index: number, count: number): string[] {
  return text
    .slice(Math.max(0, index - 80), index)
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(-count)
    .map((w) => w.toLowerCase().replace(/[.:]+$/, ''));
}

/** The sentence around an offset. */
function sentenceAround(text: string, start: number, end: number): string {
  const before = text.slice(0, start);
  const from = Math.max(before.lastIndexOf('. '), before.lastIndexOf('; '), before.lastIndexOf('\n')) + 1;
  const after = text.slice(end).search(/[.;!?](\s|$)|\n/);
  return text.slice(from, after === -1 ? text.length : end + after);
}

/** Is this capitalized phrase a person's name (not an official's, an organization or a place)? */
function looksLikePersonName(text: string, start: number, words: string[], hasInitial: boolean): boolean {
  const nameWords = words.filter(Boolean);
  if (nameWords.length === 0) return false;
  if (NOT_A_GIVEN_NAME.has(nameWords[0]!.toLowerCase())) return false;
  if (nameWords.some(isPlaceOrOrgWord)) return false;
  if (!hasInitial && nameWords.length < 2) return false;
  // A title or role just before ("Minister", "Police chief", "Ms", "Special Rapporteur").
  if (previousWords(text, start, 2).some((w) => TITLES.has(w))) return false;
  const length = hasInitial ? nameWords[0]!.length + 3 : nameWords.join(' ').length;
  const after = text.slice(start + length, start + length + 60);
  // A role just after ("…, First Lady of Egypt", "… (UNODC consultant)", "… of UN.GIFT").
  if (/^\s*,\s*(?:the\s+)?(?:\p{Lu}\p{Ll}+\s+){1,2}(?:of|from)\b/u.test(after)) return false;
  if (/^\s*\(\s*\p{Lu}{2,}/u.test(after)) return false;
  if (/^\s*,\s*(?:[\p{L}-]+\s+){0,2}(minister|director|ambassador|president|chair|commissioner|rapporteur|secretary|lady|head|chief|professor|coordinator)\b/iu.test(after)) return false;
  if (/^\s+(of|at|from)\s+(the\s+)?(\p{Lu}{2,}|UN\.GIFT|\p{Lu}\p{Ll}+\s+(University|Institute|Office|Ministry))/u.test(after)) return false;
  return true;
}

function overlaps(findings: Finding[], start: number, end: number): boolean {
  return findings.some((f) => start < f.end && end > f.start);
}

// ---- the detector ---------------------------------------------------------------------------

/** Every sign of personal data in one field's text. */
export function findPersonalData(text: string, field = 'text'): Finding[] {
  const findings: Finding[] = [];
  const add = (kind: FindingKind, start: number, end: number, reason: string) => {
    if (overlaps(findings, start, end)) return;
    findings.push({ field, kind, text: text.slice(start, end), start, end, reason });
  };

  for (const m of text.matchAll(BIRTH)) add('date_of_birth', m.index, m.index + m[0].length, 'a date of birth');

  for (const m of text.matchAll(ID_NUMBER)) {
    const digits = (m[2] ?? '').replace(/\D/g, '');
    if (digits.length >= 5) add('passport_or_id_number', m.index, m.index + m[0].length, `a ${m[1]!.toLowerCase()} number`);
  }

  for (const m of text.matchAll(PHONE)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) continue;
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    if (HOTLINE.test(before)) continue;
    // Local numbers count only where the text says it is a phone; international ones always.
    if (!m[0].startsWith('+') && !PHONE_KEYWORD.test(before) && !/;|\bphone\b/i.test(before.slice(-12))) continue;
    add('phone_number', m.index, m.index + m[0].length, 'a phone number');
  }

  for (const pattern of [ADDRESS_EN, ADDRESS_EU, DWELLING]) {
    for (const m of text.matchAll(pattern)) {
      const before = text.slice(Math.max(0, m.index - 50), m.index);
      if (ORGANIZATION_PLACE.test(before) && !VICTIM_WORDS.test(sentenceAround(text, m.index, m.index + m[0].length).replace(/victim support|victims and witnesses/gi, ''))) continue;
      add('address', m.index, m.index + m[0].length, 'an exact address');
    }
  }

  for (const m of text.matchAll(NAME_THEN_AGE)) {
    const words = m[1]!.split(/\s+/).map((w) => w.replace(/\.$/, ''));
    const age = Number(m[2]);
    if (age < 1 || age > 99) continue;
    if (words.some(isPlaceOrOrgWord) || NOT_A_GIVEN_NAME.has(words[0]!.toLowerCase())) continue;
    if (previousWords(text, m.index, 2).some((w) => TITLES.has(w))) continue;
    add('age_with_name', m.index, m.index + m[0].replace(/[,)\s]+$/, '').length, 'a name with an age');
  }

  for (const m of text.matchAll(FULL_NAME)) {
    const hasInitial = m[3] !== undefined;
    const phrase = hasInitial ? m[0] : m[0];
    const words = hasInitial ? [m[3]!] : phrase.split(/\s+/);
    // A capitalized run that holds a title ("Executive Director Antonio …", "Judge Maria …") names an official.
    if (words.some((w) => TITLES.has(w.toLowerCase()))) continue;
    if (!looksLikePersonName(text, m.index, words, hasInitial)) continue;
    const sentence = sentenceAround(text, m.index, m.index + phrase.length);
    const victim = sentence.match(VICTIM_WORDS);
    const age = sentence.match(AGE);
    if (age) add('age_with_name', m.index, m.index + phrase.length, `a full name with an age (“${age[0].replace(/^,\s*|\s*,$/g, '')}”)`);
    else if (victim) add('name_with_victim_word', m.index, m.index + phrase.length, `a full name next to “${victim[0]}”`);
  }

  // A single given name whose next words tell what happened to the person ("Mihai was trafficked").
  const single = new RegExp(String.raw`(?<![\p{L}\p{N}])(${NAME_WORD})(?=\s+(?:was|were|has been|had been)\s)`, 'gu');
  for (const m of text.matchAll(single)) {
    if (NOT_A_GIVEN_NAME.has(m[1]!.toLowerCase()) || isPlaceOrOrgWord(m[1]!)) continue;
    if (!VICTIM_VERBS.test(text.slice(m.index + m[0].length))) continue;
    if (previousWords(text, m.index, 2).some((w) => TITLES.has(w))) continue;
    add('name_with_victim_word', m.index, m.index + m[0].length, `a name with “${text.slice(m.index + m[0].length).match(VICTIM_VERBS)![0].trim()}”`);
  }

  return findings.sort((a, b) => a.start - b.start);
}
