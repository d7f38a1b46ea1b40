// Overlap detection and matching: who sees the organizers' board of possible overlaps and decides
// on pairs, who sees suggested organizations for a request, and who keeps an expertise profile.
import { allow, isOrganizer } from '../engine.js';
import { canSeePost } from './posts.js';

declare module '../engine.js' {
  interface Resources {
    overlapBoard: Record<string, never>;
  }
}

// The board compares every post with every other, whatever its audience: organizers only.
allow('overlapBoard', ['read', 'mark'], isOrganizer);

// Suggested organizations for a technical-assistance request: for whoever may see the request.
allow('post', 'readMatches', (actor, post) => post.kind === 'ta_request' && canSeePost(actor, post));

// An organization's expertise profile is kept by its focal point, or by the organizers.
allow('organization', 'editExpertise', (actor, org) => isOrganizer(actor) || (actor.role === 'focal_point' && actor.organizationId === org.id));
