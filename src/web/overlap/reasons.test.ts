// The semantic reasons in words: thesaurus concept ids become what the two posts are both about.
import { expect, it } from 'vitest';
import { t } from '../i18n/i18n.js';
import type { Taxonomy } from '../exchange/taxonomy.js';
import { reasonText } from './reasons.js';

const taxonomy: Taxonomy = { regions: [], countries: [], areas: [], themes: [], exploitation: [], postKinds: [], postStatuses: [], audiences: [] };

it('words shared concepts and similar meaning', () => {
  expect(reasonText(t, 'overlap', { code: 'shared_concepts', values: ['victim_identification', 'labour_inspection'] }, taxonomy)).toBe(
    'both about identifying victims and inspecting workplaces for forced labour',
  );
  expect(reasonText(t, 'overlap', { code: 'similar_meaning', values: [] }, taxonomy)).toBe('described in similar words');
});
