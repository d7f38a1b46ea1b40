// Messages of issue 13 (journeys on a phone, in the dark, without losing work): the merge after an
// editing clash, the compact header and its menus, the theme switch, field sentences.
import type { Message } from '../i18n/en.js';

export const uxEn = {
  // ---- merging after an editing clash
  'merge.combined': 'Combined with the newer revision, line by line: {fields}.',
  'merge.toChoose': 'Changed by both in the same place, choose below: {fields}.',
  'merge.heading': 'Choose where you both changed the same text',
  'merge.intro': 'Until you choose, both versions are kept in the form, yours first, so nothing is lost.',
  'merge.conflictIn': '{field}: change {n} of {count}',
  'merge.mine': 'Your version',
  'merge.theirs': 'Revision {revision}',
  'merge.empty': '(removed)',
  'merge.keepMine': 'Keep mine',
  'merge.keepTheirs': 'Keep theirs',
  'merge.keepBoth': 'Keep both',
  'merge.choice': 'Which text to keep',
  'merge.allChosen': 'All choices made. Check the form, then press “Save changes”.',

  // ---- the header
  'nav.menu': 'Menu',
  'nav.personal': 'Your account',
  'nav.group.exchange': 'Exchange',
  'nav.group.knowledge': 'Knowledge',
  'nav.group.event': 'Event',
  'nav.myAgenda': 'My agenda',
  'nav.myReports': 'My reports',

  // ---- Browse on a phone
  'browse.filtersChosen': { one: 'Filters ({count} chosen)', other: 'Filters ({count} chosen)' },

  // ---- wording
  'expertise.regionsFact': 'Regions of operation',
  'expertise.countriesFact': 'Countries of operation',

  'post.audienceHidden': 'Hidden by the organizers: other participants do not see it',

  // ---- the theme
  'theme.label': 'Theme',
  'theme.device': 'As device',
  'theme.light': 'Light',
  'theme.dark': 'Dark',
} as const satisfies Record<string, Message>;
