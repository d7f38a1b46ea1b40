// Notifications and following (issue 11). A person follows only a post they can see; their
// notifications are their own (every query is scoped to the signed-in user). Who is told about
// what is decided by these rules too: notify() filters recipients with `canSeePost` and
// `canSeeMeeting`, and each notification is checked again, with the same rules, when it is shown,
// streamed or mailed (src/server/notifications/queries.ts).
import { allow } from '../engine.js';
import { canSeePost } from './posts.js';

allow('post', ['follow', 'unfollow'], canSeePost);
