// Themes for tagging discussions: the Vienna Forum's three overriding themes (vulnerability, impact,
// action), and the "four Ps", the Protocol's three Ps extended by the Forum to a fourth, partnership.

export type ThemeGroup = 'forum_theme' | 'four_ps';

export interface Theme {
  code: string;
  label: string;
  group: ThemeGroup;
  description: string;
}

export const THEME_GROUPS = [
  { code: 'forum_theme', label: 'Vienna Forum themes' },
  { code: 'four_ps', label: 'The four Ps' },
] as const satisfies readonly { code: ThemeGroup; label: string }[];

export const THEMES = [
  {
    code: 'vulnerability',
    label: 'Vulnerability',
    group: 'forum_theme',
    description:
      'The disempowerment, social exclusion and economic vulnerability that make people vulnerable to being trafficked, and the demand that drives them into exploitation.',
  },
  {
    code: 'impact',
    label: 'Impact',
    group: 'forum_theme',
    description:
      'The consequences of trafficking for victims and society, from physical abuse and psychological trauma to the economic and political implications of unabated crime.',
  },
  {
    code: 'action',
    label: 'Action',
    group: 'forum_theme',
    description:
      'Anti-trafficking strategies and national responses, and the elements that constitute best practice in implementing the Trafficking Protocol.',
  },
  {
    code: 'prevention',
    label: 'Prevention',
    group: 'four_ps',
    description: 'Reducing both the vulnerability of potential victims and the demand for exploitation in all its forms.',
  },
  {
    code: 'protection',
    label: 'Protection',
    group: 'four_ps',
    description: 'Ensuring adequate protection and support to those who do fall victim.',
  },
  {
    code: 'prosecution',
    label: 'Prosecution',
    group: 'four_ps',
    description: 'Supporting the efficient prosecution of the criminals involved, while respecting the human rights of all persons.',
  },
  {
    code: 'partnership',
    label: 'Partnership',
    group: 'four_ps',
    description:
      'Cooperation among Governments, business, civil society, academia and the media, since no one of them can combat human trafficking alone.',
  },
] as const satisfies readonly Theme[];

export function themeByCode(code: string): Theme | undefined {
  return THEMES.find((t) => t.code === code);
}
