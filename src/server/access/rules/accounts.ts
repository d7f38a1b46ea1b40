// Who may vet, administer and read accounts, organizations and the audit log.
import { allow, isOrganizer } from '../engine.js';

declare module '../engine.js' {
  interface Resources {
    application: Record<string, never>;
    auditLog: Record<string, never>;
    organization: { id: string };
    /** A user account, seen as the organization it belongs to and its role. */
    user: { id: string; organizationId: string; role: string };
  }
}

allow('application', ['list', 'read', 'approve', 'reject'], isOrganizer);
allow('auditLog', 'read', isOrganizer);

// The directory of participating organizations is open to every participant: it names
// organizations, never people.
allow('organization', 'read', () => true);
allow('organization', ['reinstate', 'listAll'], isOrganizer);
// Suspending their own organization would lock the organizers themselves out.
allow('organization', 'suspend', (actor, org) => isOrganizer(actor) && org.id !== actor.organizationId);
allow('organization', ['listMembers', 'invite'], (actor, org) => isOrganizer(actor) || (actor.role === 'focal_point' && actor.organizationId === org.id));

allow('user', ['suspend', 'reinstate'], (actor, user) => isOrganizer(actor) && user.id !== actor.id);
// A focal point manages the members of their own organization, but not organizers or themselves.
allow('user', ['deactivate', 'reactivate'], (actor, user) =>
  user.id !== actor.id &&
  user.role !== 'organizer' &&
  (isOrganizer(actor) || (actor.role === 'focal_point' && actor.organizationId === user.organizationId)),
);
