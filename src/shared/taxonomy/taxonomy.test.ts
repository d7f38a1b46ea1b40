import countries from 'i18n-iso-countries';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  AREA_CODES,
  AREAS,
  COUNTRY_REGION,
  EXPLOITATION_CODES,
  EXPLOITATION_FORMS,
  REGIONS,
  THEME_CODES,
  THEMES,
  type AreaCode,
  type ExploitationCode,
  type ThemeCode,
  countriesInRegion,
  countryCodes,
  countryName,
  expandRegion,
  isAreaCode,
  isCountryCode,
  isExploitationCode,
  isRegionCode,
  isThemeCode,
  labelOf,
  regionByCode,
  regionsOfCountry,
} from './index.js';

const names = (codes: string[]): string[] => codes.map((c) => regionByCode(c)?.name ?? `?${c}`);

describe('regions', () => {
  it('has unique, 3-digit codes and unique names', () => {
    const codes = REGIONS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^\d{3}$/);
    expect(new Set(REGIONS.map((r) => r.name)).size).toBe(REGIONS.length);
  });

  it('forms a tree whose roots are the top-level regions', () => {
    for (const r of REGIONS) {
      if (r.parent === null) {
        expect(r.level).toBe('region');
        continue;
      }
      const parent = regionByCode(r.parent);
      expect(parent, `parent of ${r.code}`).toBeDefined();
      // Levels only go down: region → subregion → intermediate.
      if (r.level === 'subregion') expect(parent?.level).toBe('region');
      if (r.level === 'intermediate') expect(parent?.level).toBe('subregion');
      expect(r.level).not.toBe('region');
    }
    expect(REGIONS.filter((r) => r.parent === null).map((r) => r.code).sort()).toEqual(
      ['002', '009', '010', '019', '142', '150'],
    );
  });

  it('uses the M49 codes', () => {
    expect(regionByCode('002')?.name).toBe('Africa');
    expect(regionByCode('019')?.name).toBe('Americas');
    expect(regionByCode('142')?.name).toBe('Asia');
    expect(regionByCode('150')?.name).toBe('Europe');
    expect(regionByCode('009')?.name).toBe('Oceania');
    expect(regionByCode('202')).toMatchObject({ name: 'Sub-Saharan Africa', parent: '002', level: 'subregion' });
    expect(regionByCode('419')).toMatchObject({ name: 'Latin America and the Caribbean', parent: '019' });
    expect(regionByCode('014')).toMatchObject({ name: 'Eastern Africa', parent: '202', level: 'intermediate' });
    expect(regionByCode('021')?.name).toBe('Northern America');
    expect(isRegionCode('155')).toBe(true);
    expect(isRegionCode('001')).toBe(false);
    expect(isRegionCode('AT')).toBe(false);
    expect(regionByCode('999')).toBeUndefined();
  });

  it('expands a region to itself and all its descendants', () => {
    expect(expandRegion('002').sort()).toEqual(['002', '011', '014', '015', '017', '018', '202']);
    expect(expandRegion('419').sort()).toEqual(['005', '013', '029', '419']);
    expect(expandRegion('019').sort()).toEqual(['005', '013', '019', '021', '029', '419']);
    expect(expandRegion('150').sort()).toEqual(['039', '150', '151', '154', '155', '830']);
    expect(expandRegion('011')).toEqual(['011']);
    expect(expandRegion('002')[0]).toBe('002');
    expect(expandRegion('nope')).toEqual([]);
    // Every region is reached from exactly one root.
    const reached = REGIONS.filter((r) => r.parent === null).flatMap((r) => expandRegion(r.code));
    expect(reached.sort()).toEqual(REGIONS.map((r) => r.code).sort());
  });
});

describe('countries', () => {
  const libraryCodes = Object.keys(countries.getAlpha2Codes()).sort();

  it('maps every country known to i18n-iso-countries, and nothing else', () => {
    expect(libraryCodes.length).toBeGreaterThanOrEqual(249);
    expect(countryCodes()).toEqual(libraryCodes);
    const unmapped = libraryCodes.filter((c) => COUNTRY_REGION[c] === undefined);
    expect(unmapped).toEqual([]);
    expect(Object.keys(COUNTRY_REGION).sort()).toEqual(libraryCodes);
  });

  it('maps every country to a known region whose chain ends at a top-level region', () => {
    for (const code of countryCodes()) {
      const region = COUNTRY_REGION[code]!;
      expect(isRegionCode(region), `${code} → ${region}`).toBe(true);
      const chain = regionsOfCountry(code);
      expect(chain[0]).toBe(region);
      expect(regionByCode(chain.at(-1)!)?.parent).toBeNull();
    }
  });

  it('maps countries to their most specific region', () => {
    // Sub-Saharan Africa and Latin America are fully split into intermediate regions, and only
    // Antarctica (no M49 region) sits directly under a top-level region. Northern Europe is not
    // split: only the Channel Islands form an intermediate region there.
    for (const [code, region] of Object.entries(COUNTRY_REGION)) {
      expect(['202', '419'], `${code} → ${region}`).not.toContain(region);
      if (code !== 'AQ') expect(regionByCode(region)?.level, code).not.toBe('region');
    }
  });

  it('gives the M49 chain of examples', () => {
    expect(regionsOfCountry('NG')).toEqual(['011', '202', '002']);
    expect(names(regionsOfCountry('NG'))).toEqual(['Western Africa', 'Sub-Saharan Africa', 'Africa']);
    expect(names(regionsOfCountry('AT'))).toEqual(['Western Europe', 'Europe']);
    expect(names(regionsOfCountry('BR'))).toEqual(['South America', 'Latin America and the Caribbean', 'Americas']);
    expect(names(regionsOfCountry('TH'))).toEqual(['South-eastern Asia', 'Asia']);
    expect(names(regionsOfCountry('US'))).toEqual(['Northern America', 'Americas']);
    expect(names(regionsOfCountry('MX'))).toEqual(['Central America', 'Latin America and the Caribbean', 'Americas']);
    expect(names(regionsOfCountry('HT'))).toEqual(['Caribbean', 'Latin America and the Caribbean', 'Americas']);
    expect(names(regionsOfCountry('EG'))).toEqual(['Northern Africa', 'Africa']);
    expect(names(regionsOfCountry('SD'))).toEqual(['Northern Africa', 'Africa']);
    expect(names(regionsOfCountry('CD'))).toEqual(['Middle Africa', 'Sub-Saharan Africa', 'Africa']);
    expect(names(regionsOfCountry('ZA'))).toEqual(['Southern Africa', 'Sub-Saharan Africa', 'Africa']);
    expect(names(regionsOfCountry('KE'))).toEqual(['Eastern Africa', 'Sub-Saharan Africa', 'Africa']);
    expect(names(regionsOfCountry('IN'))).toEqual(['Southern Asia', 'Asia']);
    expect(names(regionsOfCountry('IR'))).toEqual(['Southern Asia', 'Asia']);
    expect(names(regionsOfCountry('TR'))).toEqual(['Western Asia', 'Asia']);
    expect(names(regionsOfCountry('CY'))).toEqual(['Western Asia', 'Asia']);
    expect(names(regionsOfCountry('KZ'))).toEqual(['Central Asia', 'Asia']);
    expect(names(regionsOfCountry('CN'))).toEqual(['Eastern Asia', 'Asia']);
    expect(names(regionsOfCountry('RU'))).toEqual(['Eastern Europe', 'Europe']);
    expect(names(regionsOfCountry('MD'))).toEqual(['Eastern Europe', 'Europe']);
    expect(names(regionsOfCountry('GB'))).toEqual(['Northern Europe', 'Europe']);
    expect(names(regionsOfCountry('JE'))).toEqual(['Channel Islands', 'Northern Europe', 'Europe']);
    expect(names(regionsOfCountry('IT'))).toEqual(['Southern Europe', 'Europe']);
    expect(names(regionsOfCountry('AU'))).toEqual(['Australia and New Zealand', 'Oceania']);
    expect(names(regionsOfCountry('FJ'))).toEqual(['Melanesia', 'Oceania']);
    expect(names(regionsOfCountry('KI'))).toEqual(['Micronesia', 'Oceania']);
    expect(names(regionsOfCountry('WS'))).toEqual(['Polynesia', 'Oceania']);
  });

  it('returns no regions for unknown or malformed codes', () => {
    expect(regionsOfCountry('ZZ')).toEqual([]);
    expect(regionsOfCountry('ng')).toEqual([]);
    expect(regionsOfCountry('NGA')).toEqual([]);
  });

  it('lists the countries in a region, at any depth', () => {
    expect(countriesInRegion('155')).toEqual(['AT', 'BE', 'CH', 'DE', 'FR', 'LI', 'LU', 'MC', 'NL']);
    expect(countriesInRegion('021')).toEqual(['BM', 'CA', 'GL', 'PM', 'US']);
    const subSaharan = countriesInRegion('202');
    expect(subSaharan).toContain('NG');
    expect(subSaharan).not.toContain('EG');
    expect(countriesInRegion('002')).toEqual(
      [...countriesInRegion('015'), ...subSaharan].sort(),
    );
    // The top-level regions partition the countries.
    const roots = REGIONS.filter((r) => r.parent === null).map((r) => r.code);
    expect(roots.flatMap(countriesInRegion).sort()).toEqual(countryCodes());
    expect(countriesInRegion('999')).toEqual([]);
  });

  it('validates country codes strictly', () => {
    expect(isCountryCode('AT')).toBe(true);
    expect(isCountryCode('at')).toBe(false);
    expect(isCountryCode('AUT')).toBe(false);
    expect(isCountryCode('040')).toBe(false);
    expect(isCountryCode('ZZ')).toBe(false);
    expect(isCountryCode('')).toBe(false);
  });

  it('names countries', () => {
    expect(countryName('AT')).toBe('Austria');
    expect(countryName('NG')).toBe('Nigeria');
    expect(countryName('AT', 'de')).toBe('Österreich');
    expect(countryName('AUT')).toBeUndefined();
    expect(countryName('ZZ')).toBeUndefined();
    for (const code of countryCodes()) expect(countryName(code), code).toBeTruthy();
  });
});

describe('areas, themes and forms of exploitation', () => {
  it('has the seven UN.GIFT technical-assistance priority areas', () => {
    expect(AREA_CODES).toEqual([
      'legislation',
      'data_research',
      'strategy_policy',
      'prevention_awareness',
      'criminal_justice',
      'victim_protection',
      'international_cooperation',
    ]);
    for (const a of AREAS) {
      expect(a.label.length).toBeGreaterThan(0);
      expect(a.description).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('has the three Forum themes and the four Ps', () => {
    expect(THEMES.filter((t) => t.group === 'forum_theme').map((t) => t.code)).toEqual([
      'vulnerability',
      'impact',
      'action',
    ]);
    expect(THEMES.filter((t) => t.group === 'four_ps').map((t) => t.code)).toEqual([
      'prevention',
      'protection',
      'prosecution',
      'partnership',
    ]);
    expect(THEME_CODES).toEqual(THEMES.map((t) => t.code));
    for (const t of THEMES) expect(t.description).toMatch(/^[A-Z].*\.$/);
  });

  it('has the forms of exploitation', () => {
    expect(EXPLOITATION_CODES).toEqual(expect.arrayContaining([
      'sexual_exploitation',
      'forced_labour',
      'domestic_servitude',
      'organ_removal',
      'child_trafficking',
      'children_armed_conflict',
      'forced_begging',
      'forced_criminality',
      'forced_marriage',
      'debt_bondage',
    ]));
    expect(EXPLOITATION_CODES).toEqual(EXPLOITATION_FORMS.map((f) => f.code));
  });

  it('has unique snake_case codes and unique labels in each taxonomy', () => {
    for (const list of [AREAS, THEMES, EXPLOITATION_FORMS] as const) {
      const codes = list.map((x) => x.code);
      expect(new Set(codes).size).toBe(codes.length);
      expect(new Set(list.map((x) => x.label)).size).toBe(codes.length);
      for (const code of codes) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    }
  });

  it('exposes literal code types and readonly tuples', () => {
    expectTypeOf<AreaCode>().toEqualTypeOf<
      | 'legislation'
      | 'data_research'
      | 'strategy_policy'
      | 'prevention_awareness'
      | 'criminal_justice'
      | 'victim_protection'
      | 'international_cooperation'
    >();
    expectTypeOf<ThemeCode>().toEqualTypeOf<
      'vulnerability' | 'impact' | 'action' | 'prevention' | 'protection' | 'prosecution' | 'partnership'
    >();
    expectTypeOf<ExploitationCode>().toExtend<string>();
    expectTypeOf(AREA_CODES[0]).toEqualTypeOf<'legislation'>();
    expectTypeOf(THEME_CODES).toExtend<readonly ThemeCode[]>();
    expect(Object.isFrozen(AREA_CODES)).toBe(true);
  });

  it('guards codes', () => {
    expect(isAreaCode('legislation')).toBe(true);
    expect(isAreaCode('prevention')).toBe(false);
    expect(isThemeCode('partnership')).toBe(true);
    expect(isThemeCode('legislation')).toBe(false);
    expect(isExploitationCode('debt_bondage')).toBe(true);
    expect(isExploitationCode('Debt bondage')).toBe(false);
  });
});

describe('labelOf', () => {
  it('labels every kind of code', () => {
    expect(labelOf('area', 'victim_protection')).toBe('Victim protection and support');
    expect(labelOf('theme', 'partnership')).toBe('Partnership');
    expect(labelOf('exploitation', 'forced_labour')).toBe('Forced labour');
    expect(labelOf('region', '035')).toBe('South-eastern Asia');
    expect(labelOf('country', 'AT')).toBe('Austria');
  });

  it('returns undefined for unknown codes', () => {
    expect(labelOf('area', 'nope')).toBeUndefined();
    expect(labelOf('theme', 'legislation')).toBeUndefined();
    expect(labelOf('exploitation', 'nope')).toBeUndefined();
    expect(labelOf('region', 'AT')).toBeUndefined();
    expect(labelOf('country', '040')).toBeUndefined();
  });
});
