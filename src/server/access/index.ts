// The access module: import this, never ./engine directly, so every rule file is loaded.
import './rules/accounts.js';

export { allow, authorize, can, isOrganizer, type Actor, type Resources } from './engine.js';
export { tierOf } from './tiers.js';
