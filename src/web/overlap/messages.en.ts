// English messages of this feature, merged into the catalogue in i18n/en.ts.
import type { Message } from '../i18n/en.js';

export const overlapEn = {
  // ---- reasons a post looks like another (codes from the API)
  'overlap.reason.same_country': 'same country: {list}',
  'overlap.reason.same_region': 'same region: {list}',
  'overlap.reason.similar_title': 'similar title',
  'overlap.reason.shared_terms': 'both about {list}',
  'overlap.reason.shared_concepts': 'both about {list}',
  'overlap.reason.similar_meaning': 'described in similar words',
  'overlap.reason.shared_areas': { one: '1 shared area ({list})', other: '{count} shared areas ({list})' },
  'overlap.reason.shared_themes': { one: '1 shared theme ({list})', other: '{count} shared themes ({list})' },
  'overlap.reason.same_organization': 'posted by your organization',
  'overlap.score': '{percent} match',

  // ---- the panel in the compose form
  'overlap.compose.heading': 'Looks like existing work',
  'overlap.compose.intro': 'Before you publish: these posts may describe the same work. Consider joining forces or commenting there. You can still publish.',
  'overlap.compose.found': { one: '1 existing post looks like this work.', other: '{count} existing posts look like this work.' },
  'overlap.compose.none': 'No existing post looks like this work so far.',
  'overlap.compose.waiting': 'Suggestions appear here as you write the title and description.',
  'overlap.compose.failed': 'Could not check for similar work just now. This does not stop you from publishing.',
  'overlap.newTab': '(opens in a new tab)',

  // ---- the post page
  'overlap.post.similarHeading': 'Similar work',
  'overlap.post.similarEmpty': 'No other post looks like the same work.',
  'overlap.post.relatedHeading': 'Related work',
  'overlap.post.relatedIntro': 'The organizers linked these posts to this one.',
  'overlap.post.by': 'by {organization}',

  // ---- the organizers' board
  'overlap.board.title': 'Possible overlaps',
  'overlap.board.intro': 'Posts that may describe the same work, across all posts and audiences, grouped into clusters. Mark a pair as related (it is then linked on both posts) or as not a duplicate (it is never suggested again).',
  'overlap.board.progress': { one: '1 post has not been compared yet.', other: '{count} posts have not been compared yet.' },
  'overlap.board.checkMore': 'Compare more posts',
  'overlap.board.scanFailed': 'Could not compare more posts: {detail}',
  'overlap.board.allChecked': 'Every post has been compared with the others.',
  'overlap.board.empty': 'No possible overlaps right now.',
  'overlap.board.cluster': { one: 'Cluster of 1 post', other: 'Cluster of {count} posts' },
  'overlap.board.clusterHeading': 'Cluster {number}: {title}',
  'overlap.board.pair': '{a} and {b}',
  'overlap.board.markRelated': 'Related',
  'overlap.board.markNotDuplicate': 'Not a duplicate',
  'overlap.board.pairActions': 'Verdict on this pair',
  'overlap.board.markedRelated': 'Marked as related: “{a}” and “{b}” are now linked on both posts.',
  'overlap.board.markedNotDuplicate': 'Marked as not a duplicate: this pair will not be suggested again.',
  'overlap.board.markFailed': 'Could not record the verdict: {detail}',

  // ---- matching: suggested organizations
  'matching.reason.expertise_areas': 'works on {list}',
  'matching.reason.operates_in_country': 'operates in {list}',
  'matching.reason.operates_in_region': 'operates in {list}',
  'matching.reason.based_in_country': 'based in {list}',
  'matching.reason.shared_language': 'works in {list}',
  'matching.reason.delivered_before': 'delivered before: {list}',
  'matching.reason.offered_before': 'offered on or working on: {list}',
  'matching.post.heading': 'Organizations that could help',
  'matching.post.intro': 'Suggested from the expertise organizations declare and the help they offered or delivered before.',
  'matching.post.empty': 'No organization’s declared expertise fits this request yet.',

  // ---- matching: requests you could answer
  'matching.nav': 'Requests to answer',
  'matching.requests.title': 'Requests you could answer',
  'matching.requests.intro': 'Open technical-assistance requests that fit the expertise your organization declared, best fit first. Requests you already answered are left out.',
  'matching.requests.empty': 'No open request fits your organization’s expertise right now.',
  'matching.requests.noProfile': 'Your organization has not declared its expertise yet, so nothing can be matched.',
  'matching.requests.fillProfile': 'Declare your organization’s expertise',
  'matching.requests.askFocalPoint': 'Ask your organization’s focal point to declare its expertise.',

  // ---- the expertise profile
  'expertise.heading': 'Expertise',
  'expertise.intro': 'What your organization can help with. It is shown to other participants and used to suggest your organization for requests, and requests to you.',
  'expertise.areas': 'Areas of work',
  'expertise.regions': 'Regions where you operate',
  'expertise.countries': 'Countries where you operate',
  'expertise.countriesHint': 'Type to find a country; choose as many as apply.',
  'expertise.languages': 'Working languages',
  'expertise.languagesHint': 'Two-letter language codes separated by commas, for example: en, fr, es.',
  'expertise.summary': 'In a few words',
  'expertise.save': 'Save expertise',
  'expertise.saved': 'Expertise saved.',
  'expertise.none': 'Not declared yet.',
  'expertise.updated': 'Last updated {date}',
} as const satisfies Record<string, Message>;
