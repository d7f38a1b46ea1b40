// The labelled evaluation set for overlap detection. The corpus is the demo exchange (about 40 posts
// drawn from the seed documents: requests, pipeline projects, ideas and project information across
// all regions). Each case is a draft as another organization might write it:
// - `duplicates`: the existing posts (by title) that describe the same work — should be suggested;
// - `nearMisses`: posts that share country, area or vocabulary but are different work — should not
//   be suggested as duplicates (a near-miss case may have no duplicate at all).
// Written by hand, without looking at the scores, in the seeds' domain; about projects only.
// This is the TUNING half (weights and thresholds are chosen on it: eval/tune.ts); the held-out
// half is held-out.ts.

export interface EvalCase {
  title: string;
  body: string;
  regions?: string[];
  countries?: string[];
  areas?: string[];
  themes?: string[];
  duplicates: string[];
  nearMisses: string[];
  /** paraphrase, hard_negative, other_country, no_codes, unrelated: the groups a case counts in; second_batch: held-out drafts added after the first figures were stated. */
  tags?: string[];
}

export const EVAL_CASES: EvalCase[] = [
  // ------------------------------------------------------------------ duplicates (same work, reworded)
  {
    title: 'Shelter standards and training of shelter staff in Nigeria',
    body: 'Support to adopt written minimum standards for the government shelters (admission, psychosocial care, length of stay) and to train the staff who run them.',
    countries: ['NG'], areas: ['victim_protection'], themes: ['protection'],
    duplicates: ['Minimum standards and staff training for the Agency’s shelters'],
    nearMisses: ['Protecting children on the move along West African migration routes'],
  },
  {
    title: 'Assessment of Nigeria’s anti-trafficking legislation',
    body: 'A clause-by-clause legal review of the trafficking law against the Palermo Protocol, with drafting advice on penalties, non-punishment and confiscation of proceeds.',
    countries: ['NG'], regions: ['011'], areas: ['legislation', 'criminal_justice'], themes: ['prosecution'],
    duplicates: ['Review of the national trafficking in persons law against the Protocol and ECOWAS standards'],
    nearMisses: ['Piloting the legislative assessment tool and checklist in five States'],
  },
  {
    title: 'Case management database for investigations and prosecutions',
    body: 'Replacing paper registers with an electronic database of investigations, prosecutions and convictions in the zonal offices, reporting to the global data collection indicators.',
    countries: ['NG'], areas: ['data_research'], themes: ['action'],
    duplicates: ['A national database of trafficking investigations and prosecutions for the zonal commands'],
    nearMisses: ['Global data collection exercise: the questionnaire round is open'],
  },
  {
    title: 'Cross-border investigations of child trafficking between Nigeria, Benin and Togo',
    body: 'Agreements on information exchange and joint operations by police of Nigeria, Benin, Togo and Ghana along the coastal corridor where children are moved for domestic work and quarry labour.',
    countries: ['NG', 'BJ', 'TG', 'GH'], regions: ['011'], areas: ['international_cooperation', 'criminal_justice'], themes: ['prosecution', 'partnership'],
    duplicates: ['Joint investigation arrangements with Benin, Togo and Ghana on child trafficking routes'],
    nearMisses: ['Protecting children on the move along West African migration routes'],
  },
  {
    title: 'Nationwide roll-out of the referral system in Moldova',
    body: 'Extending multidisciplinary teams of social assistance, police and health services from the pilot districts to all districts of the country.',
    countries: ['MD'], areas: ['victim_protection', 'strategy_policy'], themes: ['protection'],
    duplicates: ['Extending the National Referral System to every district'],
    nearMisses: ['Safe return and sustainable reintegration in Eastern and South-Eastern Europe'],
  },
  {
    title: 'Awareness campaign on safe migration for young people in rural Moldova',
    body: 'Radio, television and social media messages telling young people in rural districts how to check a job offer abroad and where to call the hotline.',
    countries: ['MD'], regions: ['151'], areas: ['prevention_awareness'], themes: ['prevention'],
    duplicates: ['Information campaign on safe labour migration in rural districts'],
    nearMisses: ['Quality standards for anti-trafficking helplines, and what they share with the police'],
  },
  {
    title: 'Moldovan children begging abroad: identification and safe return',
    body: 'Consular staff and destination countries cooperate to identify children exploited in begging and petty crime and to assess families before any return.',
    countries: ['MD', 'IT'], regions: ['151'], areas: ['victim_protection', 'international_cooperation'], themes: ['protection'],
    duplicates: ['Identifying children exploited in begging and petty crime abroad: cooperation with destination countries'],
    nearMisses: ['Safe return and sustainable reintegration in Eastern and South-Eastern Europe'],
  },
  {
    title: 'Forced labour on fishing vessels: inspection and identification',
    body: 'Training labour inspectors and marine police to board fishing vessels and inspect seafood processing plants, recognising forced labour and debt bondage among migrant workers.',
    countries: ['TH'], regions: ['035'], areas: ['criminal_justice', 'prevention_awareness'], themes: ['prosecution'],
    duplicates: ['Labour inspection and victim identification in fishing and seafood processing'],
    nearMisses: ['Training manual for labour inspectors on forced labour and trafficking published'],
  },
  {
    title: 'Common indicators for trafficking data in the Mekong countries',
    body: 'Harmonised definitions and a shared set of indicators on investigations, prosecutions and assisted persons for Thailand, Cambodia, Lao PDR, Myanmar, Viet Nam and China.',
    countries: ['TH', 'KH', 'LA', 'MM', 'VN'], regions: ['035'], areas: ['data_research', 'international_cooperation'], themes: ['action'],
    duplicates: ['Comparable data on cross-border cases in the Greater Mekong Sub-region'],
    nearMisses: ['Child-friendly procedures for child witnesses in trafficking trials in South-East Asia'],
  },
  {
    title: 'Measuring the results of Brazil’s national action plan',
    body: 'Indicators, baselines and an evaluation framework to monitor whether the actions of the National Plan against trafficking achieve their goals.',
    countries: ['BR'], areas: ['strategy_policy', 'data_research'], themes: ['action'],
    duplicates: ['Monitoring and evaluation framework for the National Plan of Action against Trafficking'],
    nearMisses: ['State committees and reception posts: the first year of the National Plan'],
  },
  {
    title: 'Joint course on slave labour for inspectors, prosecutors and judges in rural Brazil',
    body: 'Mobile inspection teams find forced labour and debt bondage on farms and charcoal camps, but few cases reach court. A joint training for labour inspectors, prosecutors and judges.',
    countries: ['BR'], regions: ['005'], areas: ['criminal_justice'], themes: ['prosecution'],
    duplicates: ['Training for labour inspectors and prosecutors on forced labour and debt bondage in rural areas'],
    nearMisses: ['Training manual for labour inspectors on forced labour and trafficking published'],
  },
  {
    title: 'Implementing the Kampala action plan in East Africa',
    body: 'A joint programme with police chiefs of Uganda, Kenya, Tanzania, Rwanda and Burundi on trafficking in conflict and post-conflict settings, following the Kampala regional conference.',
    countries: ['UG', 'KE', 'TZ'], regions: ['014'], areas: ['criminal_justice', 'international_cooperation'], themes: ['partnership'],
    duplicates: ['Joint programme: the Kampala regional action plan for Eastern Africa'],
    nearMisses: [],
  },
  {
    title: 'Pilot of the UN.GIFT legislative checklist in several countries',
    body: 'Testing the legislative assessment tool and checklist with States that ask for it, before and after ratification of the Protocol, and revising the tool.',
    regions: ['002', '142'], areas: ['legislation'], themes: ['action'],
    duplicates: ['Piloting the legislative assessment tool and checklist in five States'],
    nearMisses: ['Review of the national trafficking in persons law against the Protocol and ECOWAS standards'],
  },
  {
    title: 'Child soldiers and child trafficking in West and Central Africa',
    body: 'National action plans and a legal network against the recruitment and use of children in armed conflict, with reintegration of former child soldiers, after the Abidjan expert meeting.',
    countries: ['CI', 'LR', 'SL'], regions: ['011', '017'], areas: ['victim_protection', 'criminal_justice'], themes: ['protection'],
    duplicates: ['Trafficking in children and armed conflict in West and Central Africa: legal network and reintegration'],
    nearMisses: ['Protecting children on the move along West African migration routes'],
  },
  {
    title: 'Reintegration support after return in South-Eastern Europe',
    body: 'Risk assessment before return and long-term reintegration support on arrival, so that returned persons are not re-trafficked, in Albania, Serbia, Romania and Bulgaria.',
    countries: ['AL', 'RS', 'RO', 'BG'], regions: ['039'], areas: ['victim_protection', 'international_cooperation'], themes: ['protection'],
    duplicates: ['Safe return and sustainable reintegration in Eastern and South-Eastern Europe'],
    nearMisses: ['Extending the National Referral System to every district'],
  },
  {
    title: 'Training border officials to tell trafficking from smuggling (Bali Process)',
    body: 'A regional curriculum for immigration and border officials of the Bali Process countries on identifying victims of trafficking among smuggled migrants.',
    countries: ['ID', 'AU'], regions: ['035', '053'], areas: ['victim_protection', 'international_cooperation'], themes: ['protection'],
    duplicates: ['Bali Process: victim identification training for border and immigration officials'],
    nearMisses: [],
  },
  {
    title: 'Employers and trade unions against forced labour in South Asian supply chains',
    body: 'Training employers’ organizations and trade unions in India, Bangladesh, Nepal and Pakistan, and guidance for buyers, following the New Delhi conference.',
    countries: ['IN', 'BD', 'NP'], regions: ['034'], areas: ['prevention_awareness', 'strategy_policy'], themes: ['prevention'],
    duplicates: ['Forced labour in supply chains: training for employers and trade unions in South Asia'],
    nearMisses: ['Community-based prevention of forced and servile marriage in South Asia'],
  },
  {
    title: 'Regulating recruitment agencies for domestic workers going to the Gulf',
    body: 'Licensing of private recruitment agencies and standard employment contracts for domestic workers from Sri Lanka and the Philippines going to Saudi Arabia and the Emirates.',
    countries: ['LK', 'PH', 'SA', 'AE'], regions: ['145', '034'], areas: ['legislation', 'international_cooperation'], themes: ['vulnerability'],
    duplicates: ['Domestic workers and recruitment regulation between South and South-East Asia and the Middle East'],
    nearMisses: ['Ethical recruitment: no fees charged to workers, with independent audit'],
  },
  {
    title: 'Peer reviews of national rapporteurs in the OSCE region',
    body: 'States with national rapporteurs or coordinators review each other, and share their experience with States considering creating the function.',
    regions: ['150'], areas: ['strategy_policy'], themes: ['action'],
    duplicates: ['National rapporteurs and coordinators: a peer-review mechanism for OSCE participating States'],
    nearMisses: ['Meeting of national anti-trafficking coordinators: main conclusions'],
  },
  {
    title: 'Specialised training for judges on trafficking cases in Kazakhstan and Kyrgyzstan',
    body: 'Advanced training for judges and prosecutors in Central Asia so that trafficking is not prosecuted as a lesser offence, and guidance on protecting witnesses in court.',
    countries: ['KZ', 'KG'], regions: ['143'], areas: ['criminal_justice'], themes: ['prosecution'],
    duplicates: ['Judges and prosecutors in Central Asia: specialised training on trafficking cases'],
    nearMisses: [],
  },
  {
    title: 'Memorandum of understanding between NGOs and the police',
    body: 'A model agreement defining the responsibilities of NGOs and law enforcement, information sharing and evaluation, tested in three countries.',
    countries: ['NL', 'BG', 'CZ'], regions: ['150'], areas: ['victim_protection', 'international_cooperation'], themes: ['partnership'],
    duplicates: ['A model cooperation agreement between NGOs and law enforcement, piloted in three countries'],
    nearMisses: ['Quality standards for anti-trafficking helplines, and what they share with the police'],
  },
  {
    title: 'Hotel employees trained to spot child sexual exploitation',
    body: 'Extending staff training in every hotel in high-risk destinations to recognise and report the sexual exploitation of children in travel and tourism.',
    countries: ['BR', 'TH'], areas: ['prevention_awareness'], themes: ['prevention'],
    duplicates: ['Training hotel staff to recognise and report child sexual exploitation'],
    nearMisses: ['Supply chain review of cleaning and laundry subcontractors'],
  },
  {
    title: 'Employer pays principle for recruitment agencies',
    body: 'A common industry code under which no recruitment fees are charged to workers, with written contracts and independent audits of member agencies.',
    countries: ['US', 'PH'], areas: ['prevention_awareness'], themes: ['prevention'],
    duplicates: ['Ethical recruitment: no fees charged to workers, with independent audit'],
    nearMisses: ['Domestic workers and recruitment regulation between South and South-East Asia and the Middle East'],
  },
  {
    title: 'Studying trafficking for organ removal',
    body: 'A network of researchers documenting how organ donors are recruited, distinguishing trafficking for the removal of organs from transplant tourism, using medical, police and court data.',
    regions: ['142', '002'], areas: ['data_research'], themes: ['impact'],
    duplicates: ['A research network on trafficking in persons for the removal of organs'],
    nearMisses: ['Estimating the socio-economic impact of human trafficking'],
  },
  {
    title: 'Ethical reporting on trafficking: a code of conduct for the media',
    body: 'A code of conduct for journalists and regional training so that reporting does not sensationalise or expose people who were exploited.',
    regions: ['002', '150'], areas: ['prevention_awareness'], themes: ['impact'],
    duplicates: ['A journalists’ code of conduct and training on reporting human trafficking'],
    nearMisses: ['Cross-border reporting workshop for journalists in Mexico and Central America'],
  },
  {
    title: 'Preventing forced marriage in Nepal and India through community dialogue',
    body: 'Dialogues with community and religious leaders to prevent forced and servile marriage, including trafficking for transnational marriage.',
    countries: ['IN', 'NP'], regions: ['034'], areas: ['prevention_awareness'], themes: ['prevention'],
    duplicates: ['Community-based prevention of forced and servile marriage in South Asia'],
    nearMisses: ['Working with community and faith leaders on prevention in the southern states'],
  },
  {
    title: 'Handbook for health workers on recognising trafficking',
    body: 'A handbook with ministries of health in the Caribbean on how nurses and doctors recognise signs of trafficking and refer people safely.',
    countries: ['DO', 'HT', 'JM'], regions: ['029'], areas: ['victim_protection'], themes: ['protection'],
    duplicates: ['Health and trafficking: a handbook for health workers in the Caribbean'],
    nearMisses: [],
  },
  {
    title: 'Illegal adoption: safeguards in intercountry adoption',
    body: 'Reviewing intercountry adoption procedures and private intermediaries in countries of origin to prevent illegal adoption.',
    countries: ['NP', 'GT'], areas: ['legislation', 'victim_protection'], themes: ['protection'],
    duplicates: ['Safeguards against illegal adoption: review of intercountry adoption procedures'],
    nearMisses: [],
  },

  // ------------------------------------------------------------------ near misses (no duplicate)
  {
    title: 'Training for judges on trafficking cases in West Africa',
    body: 'A course for judges in Nigeria on hearing trafficking cases and sentencing.',
    countries: ['NG'], areas: ['criminal_justice'], themes: ['prosecution'],
    duplicates: [],
    nearMisses: ['Review of the national trafficking in persons law against the Protocol and ECOWAS standards', 'Judges and prosecutors in Central Asia: specialised training on trafficking cases'],
  },
  {
    title: 'Vocational training for young people in Lagos',
    body: 'Skills training and job placement for young people at risk in Lagos, with local employers.',
    countries: ['NG'], areas: ['prevention_awareness'], themes: ['vulnerability'],
    duplicates: [],
    nearMisses: ['Working with community and faith leaders on prevention in the southern states', 'Pathways into the legitimate labour market through employer partnerships'],
  },
  {
    title: 'Hotline for migrant workers in Thailand',
    body: 'A multilingual telephone line for migrant workers in Thailand to ask about contracts and report abuse.',
    countries: ['TH'], areas: ['victim_protection', 'prevention_awareness'], themes: ['protection'],
    duplicates: [],
    nearMisses: ['Quality standards for anti-trafficking helplines, and what they share with the police', 'Multidisciplinary teams in provincial operations centres: first results'],
  },
  {
    title: 'Data protection rules for victim assistance records',
    body: 'Guidance for NGOs in Europe on keeping assistance records confidential and on what may be shared with authorities.',
    regions: ['150'], areas: ['data_research', 'victim_protection'], themes: ['protection'],
    duplicates: [],
    nearMisses: ['Quality standards for anti-trafficking helplines, and what they share with the police', 'A national database of trafficking investigations and prosecutions for the zonal commands'],
  },
  {
    title: 'Awareness campaign on trafficking for sexual exploitation at football tournaments',
    body: 'Posters and announcements in stadiums and fan zones during international football tournaments in Europe.',
    regions: ['150'], areas: ['prevention_awareness'], themes: ['prevention'],
    duplicates: [],
    nearMisses: ['Information campaign on safe labour migration in rural districts', 'Training hotel staff to recognise and report child sexual exploitation'],
  },
  {
    title: 'Labour inspection of garment factories in Bangladesh',
    body: 'Strengthening inspection of garment factories for child labour and unpaid overtime.',
    countries: ['BD'], regions: ['034'], areas: ['criminal_justice', 'prevention_awareness'], themes: ['prevention'],
    duplicates: [],
    nearMisses: ['Forced labour in supply chains: training for employers and trade unions in South Asia', 'Labour inspection and victim identification in fishing and seafood processing'],
  },
  {
    title: 'Statistics on trafficking convictions in Latin America',
    body: 'A regional report comparing conviction statistics in Latin American countries.',
    regions: ['419'], areas: ['data_research'], themes: ['impact'],
    duplicates: [],
    nearMisses: ['Global data collection exercise: the questionnaire round is open', 'Monitoring and evaluation framework for the National Plan of Action against Trafficking'],
  },
  {
    title: 'Shelter for men exploited in construction in the Gulf',
    body: 'Opening a shelter for male migrant workers exploited on construction sites, with legal aid.',
    countries: ['AE', 'QA'], regions: ['145'], areas: ['victim_protection'], themes: ['protection'],
    duplicates: [],
    nearMisses: ['Minimum standards and staff training for the Agency’s shelters', 'Domestic workers and recruitment regulation between South and South-East Asia and the Middle East'],
  },
  // ------------------------------------------------------------------ added for issue 14 (tuning half): paraphrases, hard negatives, no codes
  {
    title: 'Helping the Nigerian agency write better sentencing and confiscation clauses',
    body: 'Our legal team would compare the act with the UN Protocol and the ECOWAS plan and suggest amended wording on penalties, non-punishment and seizing criminal assets.',
    countries: ['NG'],
    duplicates: ['Review of the national trafficking in persons law against the Protocol and ECOWAS standards'],
    nearMisses: ['Piloting the legislative assessment tool and checklist in five States'], tags: ['paraphrase', 'no_codes'],
  },
  {
    title: 'Software to follow every case from arrest to verdict in Nigeria',
    body: 'Zonal offices keep paper files. One electronic register of inquiries, charges and judgments, with monthly statistics.',
    countries: ['NG'], areas: ['data_research'],
    duplicates: ['A national database of trafficking investigations and prosecutions for the zonal commands'],
    nearMisses: [], tags: ['paraphrase'],
  },
  {
    title: 'Care quality in Nigerian safe houses',
    body: 'Rules for admission, counselling and length of stay in the agency’s residential centres, and a course for carers.',
    countries: ['NG'],
    duplicates: ['Minimum standards and staff training for the Agency’s shelters'],
    nearMisses: [], tags: ['paraphrase', 'no_codes'],
  },
  {
    title: 'Moldova: every raion with its own team for survivors',
    body: 'Social workers, police officers and doctors meeting on each case already work in the pilot raions; the government wants them countrywide.',
    countries: ['MD'], areas: ['victim_protection'],
    duplicates: ['Extending the National Referral System to every district'],
    nearMisses: ['Safe return and sustainable reintegration in Eastern and South-Eastern Europe'], tags: ['paraphrase'],
  },
  {
    title: 'Telling Moldovan villagers how to verify jobs abroad',
    body: 'Spots on local radio and television and social media posts about checking an employer before leaving, with the number to call.',
    countries: ['MD'],
    duplicates: ['Information campaign on safe labour migration in rural districts'],
    nearMisses: [], tags: ['paraphrase', 'no_codes'],
  },
  {
    title: 'Inspectors on board: forced work at sea in Thailand',
    body: 'Marine police and inspectors boarding trawlers and visiting processing plants to find crews held by debt and interview them safely.',
    countries: ['TH'], areas: ['criminal_justice'],
    duplicates: ['Labour inspection and victim identification in fishing and seafood processing'],
    nearMisses: ['Multidisciplinary teams in provincial operations centres: first results'], tags: ['paraphrase'],
  },
  {
    title: 'Results framework for Brazil’s policy against exploitation',
    body: 'Baselines, yearly reports and an independent evaluation of the first plan.',
    countries: ['BR'],
    duplicates: ['Monitoring and evaluation framework for the National Plan of Action against Trafficking'],
    nearMisses: ['State committees and reception posts: the first year of the National Plan'], tags: ['paraphrase', 'no_codes'],
  },
  {
    title: 'Recognising smuggled and exploited people at the frontier: Bali Process states',
    body: 'Practical courses for immigration staff of Australia, Indonesia and Timor-Leste on who among irregular arrivals has been exploited.',
    countries: ['AU', 'ID', 'TL'], areas: ['victim_protection'],
    duplicates: ['Bali Process: victim identification training for border and immigration officials'],
    nearMisses: [], tags: [],
  },
  {
    title: 'Advanced courses for magistrates in Uzbekistan and Turkmenistan',
    body: 'Cases are charged as lesser crimes and witnesses are not protected; a regional curriculum for judges and state attorneys.',
    countries: ['UZ', 'TM', 'KZ'],
    duplicates: ['Judges and prosecutors in Central Asia: specialised training on trafficking cases'],
    nearMisses: [], tags: ['paraphrase', 'no_codes'],
  },
  {
    title: 'Recorded statements so that young witnesses in Cambodia testify once',
    body: 'Child-friendly rooms and video-recorded interviews for minors giving evidence in Cambodia, Vietnam and Laos.',
    countries: ['KH', 'VN', 'LA'], areas: ['criminal_justice'],
    duplicates: ['Child-friendly procedures for child witnesses in trafficking trials in South-East Asia'],
    nearMisses: [], tags: [],
  },
  {
    title: 'Studying the sale of kidneys',
    body: 'A network of scholars and transplant doctors in Egypt, Pakistan and the Philippines pooling evidence on people recruited to sell an organ.',
    countries: ['EG', 'PK', 'PH'],
    duplicates: ['A research network on trafficking in persons for the removal of organs'],
    nearMisses: [], tags: ['paraphrase', 'no_codes'],
  },
  {
    title: 'Guide for clinic staff in the Caribbean',
    body: 'Nurses and doctors in Haiti, Jamaica and the Dominican Republic: the signs to look for, how to respond safely, where to refer.',
    countries: ['HT', 'JM', 'DO'], areas: ['victim_protection'],
    duplicates: ['Health and trafficking: a handbook for health workers in the Caribbean'],
    nearMisses: [], tags: ['paraphrase'],
  },
  {
    title: 'Chiefs and imams warn parents in southern Nigeria about false promises',
    body: 'Traditional rulers, faith leaders and women’s associations talk to families about fake offers of jobs and study abroad.',
    countries: ['NG'],
    duplicates: ['Working with community and faith leaders on prevention in the southern states'],
    nearMisses: [], tags: ['paraphrase', 'no_codes'],
  },
  {
    title: 'Placing survivors in decent jobs with US and Polish companies',
    body: 'Employers’ organisations and service providers offering paid placements and mentors to people who left exploitation.',
    countries: ['US', 'PL'],
    duplicates: ['Pathways into the legitimate labour market through employer partnerships'],
    nearMisses: [], tags: ['paraphrase', 'no_codes'],
  },
  {
    title: 'Shelter standards in Ghana',
    body: 'Ghana’s social welfare department wants minimum standards of care for its shelters and training for the staff.',
    countries: ['GH'], areas: ['victim_protection'],
    duplicates: [],
    nearMisses: ['Minimum standards and staff training for the Agency’s shelters'], tags: ['hard_negative', 'other_country'],
  },
  {
    title: 'Labour inspection in Brazilian garment workshops',
    body: 'Inspectors visiting sweatshops in São Paulo where Bolivian migrants sew clothes under debt.',
    countries: ['BR'], areas: ['criminal_justice'],
    duplicates: [],
    nearMisses: ['Training for labour inspectors and prosecutors on forced labour and debt bondage in rural areas'], tags: ['hard_negative'],
  },
  {
    title: 'Evaluating Moldova’s national plan',
    body: 'An independent mid-term evaluation of Moldova’s plan against trafficking, with indicators and a baseline.',
    countries: ['MD'], areas: ['strategy_policy'],
    duplicates: [],
    nearMisses: ['Monitoring and evaluation framework for the National Plan of Action against Trafficking', 'Extending the National Referral System to every district'], tags: ['hard_negative', 'other_country'],
  },
  {
    title: 'Prosecutors in Thailand: evidence in forced labour cases',
    body: 'A course for Thai public prosecutors on building forced labour cases from inspection findings.',
    countries: ['TH'], areas: ['criminal_justice'],
    duplicates: [],
    nearMisses: ['Labour inspection and victim identification in fishing and seafood processing'], tags: ['hard_negative'],
  },
  {
    title: 'Helpline for domestic workers in Kuwait',
    body: 'A phone line in Tagalog, Sinhala and Amharic for household workers in Kuwait with problems with their employers.',
    countries: ['KW'], areas: ['victim_protection'],
    duplicates: [],
    nearMisses: ['Domestic workers and recruitment regulation between South and South-East Asia and the Middle East'], tags: ['hard_negative'],
  },
  {
    title: 'A database of prosecutions for Ghana',
    body: 'Ghana’s police want an electronic register of investigations and prosecutions.',
    countries: ['GH'], areas: ['data_research'],
    duplicates: [],
    nearMisses: ['A national database of trafficking investigations and prosecutions for the zonal commands'], tags: ['hard_negative', 'other_country'],
  },
  {
    title: 'School curriculum on safe migration in Nigeria',
    body: 'Lessons for secondary school pupils in Edo State on safe migration and the risks of irregular travel to Europe.',
    countries: ['NG'], areas: ['prevention_awareness'],
    duplicates: [],
    nearMisses: ['Working with community and faith leaders on prevention in the southern states'], tags: ['hard_negative'],
  },
  {
    title: 'Annual staff retreat',
    body: 'Two days in the mountains for the team of our office.',
    countries: ['AT'],
    duplicates: [], nearMisses: [], tags: ['unrelated', 'no_codes'],
  },
];
