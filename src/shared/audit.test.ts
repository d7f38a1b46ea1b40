// Every action code the server writes has a sentence; unknown codes still read as sentences.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_KINDS, AUDIT_SENTENCES, actionsOfKind, plainSentence, sentenceOf, sentenceParts } from './audit.js';

const SERVER = join(import.meta.dirname, '../server');
const CODE = String.raw`'([a-z_]+\.[a-z_]+)'`;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The codes written in src/server: literals in `action:`/`auditAction:` of files that use the writer, and in maps typed AuditAction. */
function writtenCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of sourceFiles(SERVER)) {
    const text = readFileSync(file, 'utf8');
    if (!/audit-log\.js'/.test(text) || file.endsWith('audit-log.ts')) continue;
    const forms = [
      new RegExp(String.raw`\baction:\s*${CODE}`, 'g'),
      new RegExp(String.raw`\bauditAction:\s*${CODE}`, 'g'),
      // action: x ? 'a.b' : 'c.d'
      new RegExp(String.raw`\baction:\s*[^,{}]*?\?\s*${CODE}\s*:\s*${CODE}`, 'g'),
    ];
    for (const re of forms) for (const m of text.matchAll(re)) for (const code of m.slice(1)) if (code) codes.add(code);
    for (const m of text.matchAll(/Record<\w+,\s*AuditAction>\s*=\s*\{([^}]*)\}/g)) for (const c of m[1]!.matchAll(new RegExp(CODE, 'g'))) codes.add(c[1]!);
  }
  return codes;
}

describe('audit sentences', () => {
  it('has a sentence for every action code written anywhere in src/server', () => {
    const written = writtenCodes();
    // The scan itself must work: it finds the codes of every part of the server.
    expect(written.size).toBeGreaterThanOrEqual(45);
    for (const sample of ['overlap.marked_related', 'overlap.marked_not_duplicate', 'report.hidden', 'account.deactivated', 'organization.donor_flagged', 'account.activated']) expect(written).toContain(sample);
    const missing = [...written].filter((code) => !Object.hasOwn(AUDIT_SENTENCES, code));
    expect(missing).toEqual([]);
  });

  it('lists each code once, each in a kind, with only known placeholders', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    expect(Object.keys(AUDIT_SENTENCES).sort()).toEqual([...AUDIT_ACTIONS].sort());
    expect(AUDIT_KINDS.flatMap((k) => actionsOfKind(k)).sort()).toEqual([...AUDIT_ACTIONS].sort());
    for (const { text, withoutTarget } of Object.values(AUDIT_SENTENCES)) {
      for (const template of [text, withoutTarget ?? '']) {
        const leftover = sentenceParts(template).filter((p) => 'text' in p && /[{}]/.test(p.text));
        expect(leftover).toEqual([]);
        // A sentence never shows a code: no word with a dot or an underscore.
        expect(template.replace(/\{[^}]*\}/g, '')).not.toMatch(/\b[a-z]+[._][a-z]+\b/);
      }
    }
  });

  const ana = { id: 'u1', name: 'Ana Ruiz', organization: { id: 'o1', name: 'Ministry X' } };
  const post = { type: 'post', id: 'p1', name: 'Border training', url: '/posts/p1' };
  const other = { type: 'post', id: 'p2', name: 'Shelter network', url: '/posts/p2' };

  it('reads as a sentence with names', () => {
    expect(plainSentence({ action: 'comment.hidden', actor: ana, target: { ...post, type: 'comment' }, related: null, details: {} })).toBe('Ana Ruiz (Ministry X) hid a comment on Border training');
    expect(plainSentence({ action: 'overlap.marked_related', actor: ana, target: post, related: other, details: {} })).toBe('Ana Ruiz (Ministry X) marked Border training and Shelter network as related');
    expect(plainSentence({ action: 'session.sign_in_failed', actor: null, target: null, related: null, details: { email: 'a@b.test' } })).toBe('A sign-in as a@b.test failed');
    expect(plainSentence({ action: 'password.reset_requested', actor: null, target: null, related: null, details: {} })).toBe('A password reset was asked for an address with no account');
  });

  it('reads a code it does not know as a generic sentence, not as the code', () => {
    const text = plainSentence({ action: 'meeting.confirmed_anyway', actor: ana, target: post, related: null, details: {} });
    expect(text).toBe('Ana Ruiz (Ministry X): meeting confirmed anyway, concerning Border training');
    expect(text).not.toContain('meeting.confirmed_anyway');
    expect(sentenceOf('meeting.confirmed_anyway', false)).toBe('{actor}: meeting confirmed anyway');
  });
});
