// The initials shown in place of a logo or photo that was never uploaded.
import { describe, expect, it } from 'vitest';
import { initials } from './initials.js';

describe('initials', () => {
  it('takes the first letters of the first two words', () => {
    expect(initials('Daniel Brooks')).toBe('DB');
    expect(initials('Manpower Inc.')).toBe('MI');
    expect(initials('La Strada International')).toBe('LS');
    expect(initials('  Priya   Raman ')).toBe('PR');
    expect(initials('Cher')).toBe('C');
  });

  it('skips words that do not begin with a letter, in any script', () => {
    expect(initials('(IOM) International Organization for Migration')).toBe('IO');
    expect(initials('3rd Sector Alliance')).toBe('SA');
    expect(initials('Ärzte ohne Grenzen')).toBe('ÄO');
    expect(initials('Ōsaka Shelter Network')).toBe('ŌS');
    expect(initials('élodie martin')).toBe('ÉM');
    expect(initials('Анна Петрова')).toBe('АП');
  });

  it('falls back to a question mark when nothing is left', () => {
    expect(initials('')).toBe('?');
    expect(initials('   ')).toBe('?');
    expect(initials('2008 – 2009')).toBe('?');
  });
});
