// Markdown written by participants, rendered once on the server and sanitized, so the web app
// can show it as HTML without ever running anything a participant wrote.
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { Problem } from '../http/problem.js';

const marked = new Marked({ gfm: true, breaks: false, async: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'h2', 'h3', 'h4', 'a', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'title'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  // Headings in a post sit under the page's own h1/h2.
  transformTags: {
    h1: 'h2',
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer', target: '_blank' }),
  },
};
SANITIZE.allowedAttributes = { ...SANITIZE.allowedAttributes, a: ['href', 'title', 'rel', 'target'] };

/** Deeper than this, quotes and lists are no longer something a person writes; marked recurses per level. */
const MAX_MARKDOWN_NESTING = 50;
const tooDeep = () =>
  new Problem(400, 'text-too-deeply-nested', 'Your text cannot be shown', `The text is nested too deeply to be shown (more than ${MAX_MARKDOWN_NESTING} levels of quotes or lists). Simplify it and try again.`);

/**
 * Markdown to HTML, guarded: input nested beyond reason is refused before marked sees it, and a
 * parser that still runs out of stack answers the same 400, never a 500.
 */
function parse(markdown: string): string {
  for (const line of markdown.split('\n', 100_000)) {
    // Quote markers (with optional spaces between) and list indentation at the start of a line.
    const quotes = /^[ \t>]*/.exec(line)![0].split('>').length - 1;
    if (quotes > MAX_MARKDOWN_NESTING) throw tooDeep();
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
    if (indent > MAX_MARKDOWN_NESTING * 4) throw tooDeep();
  }
  try {
    return marked.parse(markdown) as string;
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep();
    throw error;
  }
}

export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(parse(markdown), SANITIZE);
}

/** Plain text of a Markdown body, for previews and e-mail. */
export function markdownToText(markdown: string): string {
  return sanitizeHtml(parse(markdown), { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
}
