/**
 * Who may import into a roadmap and save its mapping: administrators (the joint secretariat)
 * only. An import writes joint structure (codes, sections, both parties' bodies) in one go,
 * which no coordinator may do through the API either; coordinators edit their party's
 * internal measures in the workbench. Exports are open to every signed-in user and show
 * exactly what the measure list shows them.
 */
import { type Actor, isAdmin } from './policies';

/** May the actor import a file into a roadmap (and save the roadmap's column mapping)? */
export const canImportRoadmap = (a: Actor): boolean => isAdmin(a);
