// English messages of this feature, merged into the catalogue in i18n/en.ts.
import type { Message } from '../i18n/en.js';

export const donorsEn = {
} as const satisfies Record<string, Message>;
