// Every migration, in order. Both databases (PGlite and PostgreSQL) run exactly this list.
// Add a new file as NNNN_what.ts and list it here; never edit one that has shipped.
import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_exchange.js';
import * as m0003 from './0003_post_summary_and_version.js';
import * as m0004 from './0004_coordination.js';
import * as m0005 from './0005_overlap_and_matching.js';
import * as m0006 from './0006_event.js';
import * as m0007 from './0007_donors_and_saved_searches.js';
import * as m0008 from './0008_status_before_suspension.js';
import * as m0010 from './0010_notifications.js';
import * as m0011 from './0011_post_tallies.js';
import * as m0012 from './0012_post_vectors.js';
import * as m0013 from './0013_self_assessment.js';
import * as m0014 from './0014_public_marks_and_iati.js';
import * as m0015 from './0015_network.js';
import * as m0016 from './0016_moderation_and_documents.js';
import * as m0017 from './0017_sign_in_backoff.js';
import * as m0018 from './0018_password_reset_requests.js';
import * as m0032 from './0032_refile_post_vectors.js';
import * as m0033 from './0033_reset_decoy_tokens.js';
import * as m0041 from './0041_self_assessment_moderation.js';
import * as m0048 from './0048_session_speakers.js';
import * as m0049 from './0049_meeting_seats.js';
import * as m0052 from './0052_post_drafts.js';
import * as m0057 from './0057_offer_undo.js';
import * as m0059 from './0059_post_change_log.js';

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_exchange': m0002,
  '0003_post_summary_and_version': m0003,
  '0004_coordination': m0004,
  '0005_overlap_and_matching': m0005,
  '0006_event': m0006,
  '0007_donors_and_saved_searches': m0007,
  '0008_status_before_suspension': m0008,
  '0010_notifications': m0010,
  '0011_post_tallies': m0011,
  '0012_post_vectors': m0012,
  '0013_self_assessment': m0013,
  '0014_public_marks_and_iati': m0014,
  '0015_network': m0015,
  '0016_moderation_and_documents': m0016,
  '0017_sign_in_backoff': m0017,
  '0018_password_reset_requests': m0018,
  '0032_refile_post_vectors': m0032,
  '0033_reset_decoy_tokens': m0033,
  '0041_self_assessment_moderation': m0041,
  '0048_session_speakers': m0048,
  '0049_meeting_seats': m0049,
  '0052_post_drafts': m0052,
  '0057_offer_undo': m0057,
  '0059_post_change_log': m0059,
};
