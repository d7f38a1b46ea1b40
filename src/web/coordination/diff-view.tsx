// A structured diff of two revisions: words added and removed in the title and description
// (<ins>/<del>, with their meaning also in words for screen readers, since colour and strike-through
// alone say nothing to them), codes added and removed in tag lists, and old → new for the rest.
import { formatDate, useT, type MessageKey } from '../i18n/i18n.js';
import { formatMoney } from '../exchange/post-meta.js';
import { labels, type Taxonomy } from '../exchange/taxonomy.js';
import type { FieldChange } from './types.js';

const FIELD_LABELS: Record<string, MessageKey> = {
  title: 'coordination.field.title',
  body: 'coordination.field.body',
  regions: 'coordination.field.regions',
  countries: 'coordination.field.countries',
  areas: 'coordination.field.areas',
  themes: 'coordination.field.themes',
  exploitation: 'coordination.field.exploitation',
  status: 'coordination.field.status',
  audience: 'coordination.field.audience',
  budget: 'coordination.field.budget',
  fundingSought: 'coordination.field.fundingSought',
  startsOn: 'coordination.field.startsOn',
  endsOn: 'coordination.field.endsOn',
};

function TextChange({ parts }: { parts: Extract<FieldChange, { type: 'text' }>['parts'] }) {
  const t = useT();
  return (
    <div className="coord-diff__text">
      {parts.map((part, i) =>
        part.op === 'added' ? (
          <ins key={i}>
            <span className="visually-hidden">[{t('coordination.added')}] </span>
            {part.text}
            <span className="visually-hidden"> [{t('coordination.addedEnd')}]</span>
          </ins>
        ) : part.op === 'removed' ? (
          <del key={i}>
            <span className="visually-hidden">[{t('coordination.removed')}] </span>
            {part.text}
            <span className="visually-hidden"> [{t('coordination.removedEnd')}]</span>
          </del>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </div>
  );
}

export function DiffView({ changes, taxonomy }: { changes: FieldChange[]; taxonomy: Taxonomy | null }) {
  const t = useT();
  if (changes.length === 0) return <p className="empty">{t('coordination.noChanges')}</p>;
  const label = taxonomy ? labels(taxonomy) : null;
  const code = (field: string, value: string): string => {
    if (!label) return value;
    if (field === 'regions') return label.region(value);
    if (field === 'countries') return label.country(value);
    if (field === 'areas') return label.area(value);
    if (field === 'themes') return label.theme(value);
    if (field === 'exploitation') return label.exploitation(value);
    return value;
  };
  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return t('coordination.empty');
    if (field === 'status') return t(`postStatus.${v as 'idea'}`);
    if (field === 'audience') return t(`audience.${v as 'all'}`);
    if (field === 'budget' && typeof v === 'object') return formatMoney(v as { amount: string; currency: string });
    if ((field === 'startsOn' || field === 'endsOn') && typeof v === 'string') return formatDate(v);
    return String(v);
  };
  return (
    <dl className="coord-diff">
      {changes.map((change) => (
        <div key={change.field} className="coord-diff__field">
          <dt>{FIELD_LABELS[change.field] ? t(FIELD_LABELS[change.field]!) : change.field}</dt>
          <dd>
            {change.type === 'text' && <TextChange parts={change.parts} />}
            {change.type === 'list' && (
              <ul className="coord-diff__list">
                {change.added.map((c) => (
                  <li key={`+${c}`}>
                    <ins>
                      <span className="visually-hidden">{t('coordination.added')} </span>
                      {code(change.field, c)}
                    </ins>
                  </li>
                ))}
                {change.removed.map((c) => (
                  <li key={`-${c}`}>
                    <del>
                      <span className="visually-hidden">{t('coordination.removed')} </span>
                      {code(change.field, c)}
                    </del>
                  </li>
                ))}
              </ul>
            )}
            {change.type === 'value' && <p>{t('coordination.valueChange', { from: value(change.field, change.from), to: value(change.field, change.to) })}</p>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
