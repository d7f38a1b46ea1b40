// The fallback of a logo or photo that was never uploaded (issue 12): the initials of the name.

/** The first letters of the first two words that begin with a letter (any script), upper-cased; '?' when there is none. */
export const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter((w) => /^\p{L}/u.test(w))
    .slice(0, 2)
    .map((w) => [...w][0]!.toLocaleUpperCase())
    .join('') || '?';
