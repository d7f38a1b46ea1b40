// A field named for people when no form label is at hand: never the dotted path itself.
const CONTEXTS = new Set(['body', 'querystring', 'params', 'headers']);

/** "budget.amount" → "Budget amount", "countries.3" → "Countries", "focalPoint.title" → "Focal point title". */
export function humanFieldName(field: string): string {
  const words = field
    .split('.')
    .filter((part) => part && !/^\d+$/.test(part) && !CONTEXTS.has(part))
    .join(' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'This field';
}
