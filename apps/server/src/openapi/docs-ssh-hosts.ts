import { hostSchema } from '@harbormaster/contract'
import { type RouteDoc, json } from './route-doc.ts'

/** Routes of ssh:// hosts (issue 22; docs/engine.md#ssh, docs/security.md "SSH hosts"). */
export const sshHostDocs: Record<string, RouteDoc> = {
  'POST /api/hosts/:hostId/ssh-host-key': {
    summary: "Pin the SSH host key the server offers now (an admin's explicit acceptance)",
    description:
      'The body names the fingerprint the admin checked; it must be the one the server offers ' +
      'at this moment. A key that replaces a pinned one (it changed) also needs `replacePinned`.',
    ok: { 200: json(hostSchema, 'The host, reconnecting with the pinned key') },
    errors: {
      400: 'The host is not reached over SSH',
      409: 'The fingerprint is not the one offered, the key is already accepted, or it changed',
      502: 'The SSH server could not be reached to see its key',
    },
  },
}
