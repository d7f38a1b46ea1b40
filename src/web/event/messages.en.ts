// English messages of this feature, merged into the catalogue in i18n/en.ts.
import type { Message } from '../i18n/en.js';

export const eventEn = {
} as const satisfies Record<string, Message>;
