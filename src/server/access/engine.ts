// The permission engine. Rules are declared in ./rules/*.ts, one `allow(...)` per rule, and
// routes ask `can`/`authorize`; no route decides on its own who may do what.
import type { OrganizationCategory, Role, Tier } from '../../shared/participants.js';
import { problems } from '../http/problem.js';

/** The signed-in user as the rules see them. Built from the database on every request. */
export interface Actor {
  id: string;
  role: Role;
  tier: Tier;
  organizationId: string;
  category: OrganizationCategory;
}

/** Each resource type, with the shape its rules look at. Features extend this interface. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Resources {}

type ResourceType = keyof Resources & string;
type Predicate<R> = (actor: Actor, resource: R) => boolean;

const rules = new Map<string, Predicate<never>[]>();

/** Declares that `actor` may perform `action` on a resource of `type` when `predicate` holds. */
export function allow<T extends ResourceType>(type: T, actions: string | string[], predicate: Predicate<Resources[T]>): void {
  for (const action of Array.isArray(actions) ? actions : [actions]) {
    const key = `${type}:${action}`;
    rules.set(key, [...(rules.get(key) ?? []), predicate as Predicate<never>]);
  }
}

export function can<T extends ResourceType>(actor: Actor | null, action: string, type: T, resource: Resources[T]): boolean {
  if (!actor) return false;
  const list = (rules.get(`${type}:${action}`) ?? []) as Predicate<Resources[T]>[];
  return list.some((rule) => rule(actor, resource));
}

/**
 * Throws unless allowed. `hide` answers 404 instead of 403, for resources whose very existence
 * must not be revealed to someone who may not read them.
 */
export function authorize<T extends ResourceType>(
  actor: Actor | null,
  action: string,
  type: T,
  resource: Resources[T],
  options: { hide?: boolean } = {},
): void {
  if (!actor) throw problems.unauthenticated();
  if (!can(actor, action, type, resource)) throw options.hide ? problems.notFound() : problems.forbidden();
}

export const isOrganizer = (actor: Actor): boolean => actor.role === 'organizer';
