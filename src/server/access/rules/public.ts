// The public page (/public, when VF_PUBLIC=1) and the IATI import. The rule, in words:
// - A visitor who is not signed in sees what is open to all, like a partial-tier participant of no
//   organization: `PUBLIC_VISITOR` below is that visitor, so the public page's figures come from
//   visiblePosts(PUBLIC_VISITOR) like every other count.
// - The public page names no post, organization or person unless an organizer marked it public;
//   a post can be marked only while the public visitor could see it (open to all, not hidden), and
//   a post that later becomes restricted or hidden drops off the page whatever its mark.
//   Persons are never marked, so never named.
// - Organizers import IATI activities files for an organization.
import { allow, isOrganizer, type Actor } from '../engine.js';
import { canSeePost } from './posts.js';

declare module '../engine.js' {
  interface Resources {
    iatiImport: { organizationId: string };
  }
}

/** The visitor who is not signed in: partial tier, no organization (a nil id no organization has). */
export const PUBLIC_VISITOR: Actor = Object.freeze({
  id: '00000000-0000-0000-0000-000000000000',
  role: 'member',
  tier: 'partial',
  organizationId: '00000000-0000-0000-0000-000000000000',
  category: 'individual',
});

allow('post', 'markPublic', (actor, post) => isOrganizer(actor) && canSeePost(PUBLIC_VISITOR, post));
allow('post', 'unmarkPublic', isOrganizer);
allow('organization', ['markPublic', 'unmarkPublic'], isOrganizer);
allow('iatiImport', 'create', isOrganizer);
