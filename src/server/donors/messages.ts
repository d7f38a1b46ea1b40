// The mail a saved search sends when new posts match it. Plain text, like every Forum mail; it
// names only posts its recipient may see at the moment it is written.
import type { Message } from '../mail/messages.js';

const SENDER = 'the Virtual Forum of the Vienna Forum to Fight Human Trafficking (UNODC, UN.GIFT)';

const lines = (...parts: string[]): string => parts.join('\n') + '\n';

export function savedSearchMatches(a: {
  name: string;
  searchName: string;
  posts: { title: string; organization: string; link: string }[];
  manageLink: string;
}): Message {
  const count = a.posts.length;
  return {
    subject: `Virtual Forum: ${count === 1 ? 'a new post matches' : `${count} new posts match`} your saved search "${a.searchName}"`,
    text: lines(
      `Dear ${a.name},`,
      '',
      `${count === 1 ? 'A new post matches' : `${count} new posts match`} your saved search "${a.searchName}":`,
      '',
      ...a.posts.flatMap((p) => [`- ${p.title} (${p.organization})`, `  ${p.link}`]),
      '',
      'Sign in to read them. Only posts you may see are listed here.',
      `To stop these messages, delete the saved search at ${a.manageLink}`,
      '',
      `This message was sent by ${SENDER} because you saved this search.`,
    ),
  };
}
