import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from './markdown.js';

describe('participant Markdown', () => {
  it('renders formatting, lists and links', () => {
    const html = renderMarkdown('# Need\n\n**Legislative** review of the *draft law*:\n\n- gap analysis\n- [Protocol](https://www.unodc.org)');
    expect(html).toContain('<h2>Need</h2>');
    expect(html).toContain('<strong>Legislative</strong>');
    expect(html).toContain('<li>gap analysis</li>');
    expect(html).toContain('<a href="https://www.unodc.org" rel="nofollow noopener noreferrer" target="_blank">Protocol</a>');
  });

  it('strips scripts, event handlers, inline styles and javascript: links', () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror=alert(1)> <span style="color:red">x</span> [click](javascript:alert(1)) <iframe src="https://evil.test"></iframe>');
    expect(html).not.toMatch(/<script|onerror|style=|href="javascript:|<iframe|<img/i);
    expect(renderMarkdown('[click](javascript:alert(1))')).not.toContain('javascript:alert(1)"');
    expect(renderMarkdown('[click](javascript:alert(1))')).not.toMatch(/href="javascript/i);
  });

  it('gives plain text for previews', () => {
    expect(markdownToText('## Title\n\nSome **bold** text.')).toBe('Title Some bold text.');
  });
});
