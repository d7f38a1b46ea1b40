// Which regional aggregates of self-assessment needs the partial tier may see (issue 18): only
// groups of at least MIN_GOVERNMENTS_FOR_AGGREGATES governments, and never a set of groups from
// which a smaller group could be worked out by subtraction. Every region is published or not once,
// over the whole region tree (all regions → region → sub-region → intermediate region), so asking
// for one region or another cannot change the answer:
// - a group is published only if its parent is published and it has at least the minimum;
// - under a published group, what its published children leave over (its other members) must be
//   none or at least the minimum; otherwise the smallest published child is withheld too, and
//   withholding it leaves at least the minimum over.
// What this does not stop: comparing answers over time (a fourth government submitting changes
// "all regions" by its own figures). That needs noise or delayed release; see README.
import { MIN_GOVERNMENTS_FOR_AGGREGATES } from '../../shared/framework.js';
import { REGIONS, regionsOfCountry } from '../../shared/taxonomy/index.js';

/** Child regions of a region (null: the top-level regions). */
export const childRegions = (code: string | null) => REGIONS.filter((r) => r.parent === code);

/**
 * The groups whose aggregates may be shown: `null` is all regions together, otherwise region codes.
 * `countries` holds one entry per contributing government.
 */
export function publishableRegions(countries: readonly string[], minimum = MIN_GOVERNMENTS_FOR_AGGREGATES): Set<string | null> {
  const counts = new Map<string, number>();
  for (const country of countries) for (const code of regionsOfCountry(country)) counts.set(code, (counts.get(code) ?? 0) + 1);
  const published = new Set<string | null>();
  const publish = (code: string | null, size: number) => {
    published.add(code);
    const children = childRegions(code)
      .map((r) => ({ code: r.code, size: counts.get(r.code) ?? 0 }))
      .filter((c) => c.size >= minimum)
      .sort((a, b) => a.size - b.size || a.code.localeCompare(b.code));
    // Withhold the smallest children until what they leave over cannot single anyone out.
    while (children.length > 0) {
      const left = size - children.reduce((n, c) => n + c.size, 0);
      if (left === 0 || left >= minimum) break;
      children.shift();
    }
    for (const child of children) publish(child.code, child.size);
  };
  if (countries.length >= minimum) publish(null, countries.length);
  return published;
}
