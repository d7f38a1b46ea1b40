// English messages of issue 15 (scale), merged into the catalogue in i18n/en.ts.
import type { Message } from '../i18n/en.js';

export const scaleEn = {
  // More than 10,000 matches are not counted one by one: the list says so.
  'browse.totalAtLeast': 'More than {count} posts',
} satisfies Record<string, Message>;
