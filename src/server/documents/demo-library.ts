// The demo library: short documents, generated here and marked as demo, that *describe* real
// publications named in the seed documents (the Framework for Action, the Vienna Forum report, the
// UN.GIFT work programme, the Handbook for Parliamentarians) and the Model Law against Trafficking in
// Persons named in issue 16. Each is written for this demo in its own words; none copies text from
// the publication it describes.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { DocumentType } from '../../shared/moderation.js';
import { geoOfRegions } from './document-store.js';
import { writePdf } from './pdf-writer.js';
import type { BlobStorage } from './storage.js';

const LOADED_KEY = 'demo_library_version';
const DEMO_NOTE = 'DEMO DOCUMENT. This is a short description written for the Virtual Forum demonstration. It is not the publication itself and quotes none of it; consult the publishing organization for the real text.';

interface DemoDocument {
  title: string;
  description: string;
  docType: DocumentType;
  audience: 'all' | 'full';
  themes: string[];
  areas: string[];
  regions: string[];
  paragraphs: string[];
  /** Days before the demo was loaded: the library lists newest first. */
  ageDays: number;
}

export const DEMO_LIBRARY: readonly DemoDocument[] = [
  {
    title: 'About the Framework for Action for the implementation of the Trafficking Protocol (demo)',
    description: 'A one-page description of UNODC’s technical assistance tool that helps States put the Trafficking in Persons Protocol into practice.',
    docType: 'framework',
    audience: 'all',
    themes: ['four_ps', 'action', 'partnership'],
    areas: ['legislation', 'strategy_policy', 'victim_protection', 'criminal_justice', 'international_cooperation'],
    regions: ['001'],
    ageDays: 3,
    paragraphs: [
      'What it is. The Framework for Action is a technical assistance tool prepared by UNODC with experts from international organizations. It was presented to Member States in 2009, in the context of the General Assembly’s interactive thematic dialogue on taking collective action to end human trafficking.',
      'Who it is for. It is meant for United Nations Member States and for the organizations that support them, when they review how far their laws, policies and services already implement the Protocol and plan what to do next.',
      'How it is organized. A narrative part explains the purpose of the tool and how to read it; a set of tables then lists, for each area of the response, objectives, the measures that serve them and pointers to further guidance. The areas cover prevention, the protection of and assistance to victims, investigation and prosecution, cooperation between States, and the coordination of all of these.',
      'How it can be used on the Forum. Governments can use the tables to describe a technical-assistance request precisely; service providers can point to the measure their offer supports.',
      DEMO_NOTE,
    ],
  },
  {
    title: 'About the report of the Vienna Forum to Fight Human Trafficking, 13–15 February 2008 (demo)',
    description: 'What the report of the first Vienna Forum covers: the programme, the three themes, and the outcomes of its panels, workshops and special events.',
    docType: 'report',
    audience: 'all',
    themes: ['forum_theme', 'vulnerability', 'impact', 'action'],
    areas: ['data_research', 'prevention_awareness', 'international_cooperation'],
    regions: ['001'],
    ageDays: 9,
    paragraphs: [
      'What it is. The report records the proceedings of the Vienna Forum, convened under UN.GIFT in Vienna from 13 to 15 February 2008 after decisions of the Commission on Crime Prevention and Criminal Justice.',
      'What it covers. It follows the Forum’s three themes, vulnerability, impact and action, and summarizes the plenary, the panels, the workshops and the special events, with the conclusions and recommendations that came out of each. Annexes give the programme of the three days and the decisions that convened the Forum.',
      'Why it matters here. The Virtual Forum was set up for the participants of this event: many project ideas and requests on the Forum refer to recommendations made there.',
      DEMO_NOTE,
    ],
  },
  {
    title: 'About the work programme of the Global Initiative to Fight Human Trafficking, May 2008 (demo)',
    description: 'A description of the UN.GIFT work programme: its mandate, objectives, phases and institutional mechanisms, and the workplan for 2008–2009.',
    docType: 'report',
    audience: 'all',
    themes: ['partnership', 'four_ps'],
    areas: ['strategy_policy', 'international_cooperation', 'data_research'],
    regions: ['001'],
    ageDays: 20,
    paragraphs: [
      'What it is. The work programme sets out how the Global Initiative to Fight Human Trafficking (UN.GIFT) planned to carry its work forward after the Vienna Forum.',
      'What it covers. The background and mandate of the initiative; its objectives; the preparatory phase and the Vienna Forum; the implementation phase, organized by outputs such as a stronger knowledge base, technical assistance to Member States, coordination and partnerships and support to victims; and the steering and management bodies. Annexes give a workplan for 2008–2009 and findings from regional events.',
      'How it can be used on the Forum. Organizations looking for partners can relate their project ideas to the outputs of the programme.',
      DEMO_NOTE,
    ],
  },
  {
    title: 'About the Model Law against Trafficking in Persons (demo)',
    description: 'A description of UNODC’s model legislative provisions that help States draft or review laws against trafficking in persons.',
    docType: 'tool',
    audience: 'all',
    themes: ['prosecution', 'protection'],
    areas: ['legislation', 'criminal_justice'],
    regions: ['001'],
    ageDays: 30,
    paragraphs: [
      'What it is. The Model Law is a legislative drafting aid published by UNODC. It offers model provisions, with commentary, that States can adapt when they write or revise national legislation against trafficking in persons.',
      'What it covers. Definitions; the offences and their aggravating circumstances; the protection of and assistance to victims; the role of the authorities responsible for the response; and cooperation with other States. Commentary explains the choices each provision leaves to the drafter.',
      'How it can be used on the Forum. Governments that request help with legislation can name the provisions they want to discuss; providers of legal technical assistance can refer to them in their offers.',
      DEMO_NOTE,
    ],
  },
  {
    title: 'About the Handbook for Parliamentarians on combating trafficking in persons (demo)',
    description: 'A description of the handbook prepared with the Inter-Parliamentary Union for the Parliamentary Forum of the Vienna Forum.',
    docType: 'guidelines',
    audience: 'full',
    themes: ['action', 'partnership'],
    areas: ['legislation', 'strategy_policy'],
    regions: ['001'],
    ageDays: 45,
    paragraphs: [
      'What it is. A handbook for members of parliament, prepared for the Parliamentary Forum held on the eve of the Vienna Forum and to be updated afterwards with the Inter-Parliamentary Union.',
      'What it covers. How parliaments can bring national law in line with the Trafficking Protocol, oversee its implementation, allocate resources and raise awareness, with examples of practice from several countries.',
      'Audience on this Forum. This demo entry is shown to governments and international organizations only, to show that library documents carry their own audience.',
      DEMO_NOTE,
    ],
  },
];

/** Stores the demo library once per database (several servers may start together: one does it). */
export async function loadDemoLibrary(db: Kysely<Database>, storage: BlobStorage): Promise<boolean> {
  const claimed = await db.insertInto('meta').values({ key: LOADED_KEY, value: '1' }).onConflict((oc) => oc.column('key').doNothing()).returning('key').executeTakeFirst();
  if (!claimed) return false;
  const organizer = await db.selectFrom('users').select(['id', 'organization_id']).where('role', '=', 'organizer').where('is_demo', '=', true).orderBy('created_at').executeTakeFirst();
  if (!organizer) return false;
  const dir = await mkdtemp(path.join(tmpdir(), 'vf-demo-library-'));
  try {
    for (const d of DEMO_LIBRARY) {
      const bytes = writePdf(d.title, [d.title, '', ...d.paragraphs]);
      const file = path.join(dir, `${randomUUID()}.pdf`);
      await writeFile(file, bytes);
      const key = `documents/${randomUUID()}`;
      await storage.put(key, file, bytes.length, 'application/pdf');
      const created = sql<Date>`now() - make_interval(days => ${d.ageDays})`;
      await db.transaction().execute(async (tx) => {
        const { id } = await tx
          .insertInto('documents')
          .values({
            title: d.title,
            description: d.description,
            attach_type: 'library',
            audience: d.audience,
            doc_type: d.docType,
            themes: d.themes,
            areas: d.areas,
            regions: d.regions,
            geo: geoOfRegions(d.regions),
            organization_id: organizer.organization_id,
            uploaded_by: organizer.id,
            body_text: d.paragraphs.join('\n'),
            is_demo: true,
            created_at: created as never,
            updated_at: created as never,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const slug = d.title.replace(/ \(demo\)$/, '').replace(/^About the /, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
        await tx
          .insertInto('document_versions')
          .values({ document_id: id, version: 1, file_name: `demo-${slug}.pdf`, format: 'pdf', media_type: 'application/pdf', size_bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), storage_key: key, uploaded_by: organizer.id, created_at: created as never })
          .execute();
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return true;
}
