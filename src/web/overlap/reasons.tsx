// Reasons from the API are codes with values (`{code: 'same_country', values: ['NG']}`); here they
// become words: "same country: Nigeria; both about victims, shelters; 2 shared areas (…)".
import { useT, type MessageKey, type Translate } from '../i18n/i18n.js';
import { labels, type Taxonomy } from '../exchange/taxonomy.js';
import type { Reason } from './types.js';
import { conceptById } from '../../shared/taxonomy/concepts.js';

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });
const list = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });

/** The label of a language code ('fr' → 'French'). */
export const languageName = (code: string): string => languageNames.of(code) ?? code;

function valueLabels(reason: Reason, taxonomy: Taxonomy): string[] {
  const label = labels(taxonomy);
  switch (reason.code) {
    case 'same_country':
    case 'operates_in_country':
    case 'based_in_country':
      return reason.values.map(label.country);
    case 'same_region':
    case 'operates_in_region':
      return reason.values.map(label.region);
    case 'shared_areas':
    case 'expertise_areas':
      return reason.values.map(label.area);
    case 'shared_themes':
      return reason.values.map(label.theme);
    case 'shared_concepts':
      // Thesaurus concepts in words: "both about identifying victims, inspecting workplaces for forced labour".
      return reason.values.map((id) => conceptById(id)?.about ?? id);
    case 'shared_language':
      return reason.values.map(languageName);
    case 'delivered_before':
    case 'offered_before':
      return reason.values.map((title) => `“${title}”`);
    default:
      return reason.values;
  }
}

/** One reason in words; unknown codes (a newer server) are left out rather than shown raw. */
export function reasonText(t: Translate, prefix: 'overlap' | 'matching', reason: Reason, taxonomy: Taxonomy): string | null {
  const key = `${prefix}.reason.${reason.code}` as MessageKey;
  const values = valueLabels(reason, taxonomy);
  try {
    const text = t(key, { list: list.format(values), count: values.length });
    return text === key ? null : text;
  } catch {
    return null;
  }
}

export function ReasonLine({ reasons, taxonomy, prefix = 'overlap' }: { reasons: Reason[]; taxonomy: Taxonomy; prefix?: 'overlap' | 'matching' }) {
  const t = useT();
  const texts = reasons.map((r) => reasonText(t, prefix, r, taxonomy)).filter((x): x is string => Boolean(x));
  if (texts.length === 0) return null;
  return <p className="overlap-reasons">{texts.join('; ')}</p>;
}

export const formatScore = (t: Translate, score: number) => t('overlap.score', { percent: percent.format(score) });
