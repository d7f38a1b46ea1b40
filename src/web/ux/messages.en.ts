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

  // ---- asking once before a consequential step, and undo
  'confirm.acceptOffer': 'Accept the offer of {organization}? They are told at once, the request moves to “In progress” and they become a partner on it. You can undo it right after, while nothing depends on it.',
  'confirm.acceptOfferYes': 'Yes, accept the offer',
  'confirm.declineOffer': 'Decline the offer of {organization}? They are told at once. You can undo it right after.',
  'confirm.declineOfferYes': 'Yes, decline the offer',
  'confirm.approve': 'Approve {organization}? Its organization and account are created, and {email} gets a link to activate the account. This cannot be undone.',
  'confirm.approveYes': 'Yes, approve',
  'confirm.removeCoauthor': 'Remove {organization} as co-author? It can no longer edit the project, and its focal points are told.',
  'confirm.removePartner': 'Remove {organization} as {role}? The project no longer lists it as a partner.',
  'confirm.removeYes': 'Yes, remove',
  'confirm.leave': 'Stop co-authoring this project? Only the lead can add your organization again.',
  'confirm.leaveYes': 'Yes, stop co-authoring',
  'moderation.undo': 'Undo',
  'moderation.undoPost': 'Undo: show the post again',
  'moderation.undoComment': 'Undo: show the comment again',

  // ---- the theme
  'theme.label': 'Theme',
  'theme.device': 'As device',
  'theme.light': 'Light',
  'theme.dark': 'Dark',
} as const satisfies Record<string, Message>;
