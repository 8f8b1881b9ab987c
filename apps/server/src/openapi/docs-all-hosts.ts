import { allHostsContainersSchema, searchResultSchema } from '@harbormaster/contract'
import { type RouteDoc, json } from './route-doc.ts'

/** The views across every host the caller may see: containers, and search by name. */
export const allHostsDocs: Record<string, RouteDoc> = {
  'GET /api/containers': {
    summary: 'Containers of every host the caller may see, each row naming its host',
    description:
      'Served from each host’s container model (no engine call while it is in sync), with the ' +
      'caller’s role and label scope on each host applied as that host’s own list applies them. ' +
      'A host whose engine is not reachable is listed in `hosts` as `unavailable`, with why; ' +
      'the other hosts’ rows still come back.',
    ok: { 200: json(allHostsContainersSchema, 'The rows, and each host’s state') },
  },
  'GET /api/search': {
    summary: 'Find containers, images, volumes, networks and stacks by name on every host',
    description:
      'Case-insensitive substring of the name; the whole name first, then names starting with ' +
      'it, then a word starting with it, then anywhere. At most `limit` hits (default 20). ' +
      'Containers and stacks come from the hosts’ models and stored stacks; images, volumes ' +
      'and networks from the answers their list pages share.',
    ok: { 200: json(searchResultSchema, 'The hits, best first') },
  },
}
