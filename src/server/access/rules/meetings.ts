// Who sees and acts on meetings. A meeting is visible to its proposer, the people invited, every
// member of an invited organization, and the organizers; to anyone else it does not exist (404).
// The rule exists twice, side by side: `canSeeMeeting` for one meeting in memory and
// `visibleMeetingsFilter` for lists in SQL; src/server/event/meetings.test.ts checks they agree.
// Posts linked to a meeting keep their own rule: each is shown only to those who may see the post
// (`canSeePost`), whoever else takes part in the meeting.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database, MeetingStatus } from '../../db/schema.js';
import { allow, isOrganizer, type Actor } from '../engine.js';

export interface MeetingFacts {
  proposerId: string;
  invitedUserIds: readonly string[];
  invitedOrganizationIds: readonly string[];
  status: MeetingStatus;
}

declare module '../engine.js' {
  interface Resources {
    meeting: MeetingFacts;
  }
}

/** Invited in person, or as a member of an invited organization. */
export const isInvited = (actor: Actor, m: MeetingFacts): boolean =>
  m.invitedUserIds.includes(actor.id) || m.invitedOrganizationIds.includes(actor.organizationId);

export function canSeeMeeting(actor: Actor, m: MeetingFacts): boolean {
  return isOrganizer(actor) || m.proposerId === actor.id || isInvited(actor, m);
}

/** The same rule as SQL, for a query over `meetings` aliased as `m`. */
export function visibleMeetingsFilter(actor: Actor) {
  return (eb: ExpressionBuilder<Database & { m: Database['meetings'] }, 'm'>): Expression<SqlBool> => {
    if (isOrganizer(actor)) return eb.lit(true);
    return eb.or([
      eb('m.proposer_id', '=', actor.id),
      eb.exists(
        eb
          .selectFrom('meeting_invitees as mi')
          .select('mi.id')
          .whereRef('mi.meeting_id', '=', 'm.id')
          .where((w) => w.or([w('mi.user_id', '=', actor.id), w('mi.organization_id', '=', actor.organizationId)])),
      ),
    ]);
  };
}

const isProposer = (actor: Actor, m: MeetingFacts) => m.proposerId === actor.id;
const open = (m: MeetingFacts) => m.status !== 'cancelled';

allow('meeting', 'read', canSeeMeeting);
// Invitees answer the proposed slots; the proposer chose them and needs no answer.
allow('meeting', 'answer', (actor, m) => open(m) && !isProposer(actor, m) && isInvited(actor, m));
// The proposer confirms a slot, changes and cancels; organizers may cancel to free a room.
allow('meeting', ['confirm', 'update'], (actor, m) => open(m) && isProposer(actor, m));
allow('meeting', 'cancel', (actor, m) => open(m) && (isProposer(actor, m) || isOrganizer(actor)));
// The private space (agenda, notes, discussion) belongs to everyone who may see the meeting, and
// stays after the meeting as its record.
allow('meeting', ['writeNotes', 'discuss'], canSeeMeeting);
