// The map of who does what where (issue 17): what counts as a project on it, shared by the server
// (counts) and the web app (the "projects" measure and its link to Browse).
import type { PostKind } from './exchange.js';

/** The map's "projects": every kind of post about a project, i.e. all but technical-assistance requests. */
export const MAP_PROJECT_KINDS = ['pipeline_project', 'project_idea', 'project_info'] as const satisfies readonly PostKind[];

/** How many posts the panel of one place lists at most; the rest are a link to Browse. */
export const MAP_PLACE_POST_LIMIT = 200;
