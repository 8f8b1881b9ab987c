import type { HostStatus } from '@harbormaster/contract'
import {
  SshHostKeyChangedError,
  SshHostKeyUnknownError,
  normaliseFingerprint,
} from '@harbormaster/engine'

/** The host-key part of an ssh:// host's status, when its key is what stopped it. */
export function sshHostKeyProblem(err: unknown): Pick<HostStatus, 'sshHostKey'> {
  if (err instanceof SshHostKeyUnknownError) {
    return { sshHostKey: { state: 'unknown', offered: err.offered } }
  }
  if (err instanceof SshHostKeyChangedError) {
    return { sshHostKey: { state: 'changed', offered: err.offered, expected: err.expected } }
  }
  return {}
}

/** What accepting a host key decided: pin it, or refuse with a 409 saying why. */
export type AcceptVerdict = { pin: string } | { refuse: string }

/**
 * Whether an admin's `fingerprint` may be pinned, given what the server offers now (`problem`,
 * from a fresh connection attempt). Only the key offered right now is taken, and a changed key
 * only with `replacePinned` (docs/security.md, "SSH hosts").
 */
export function judgeAcceptance(
  problem: HostStatus['sshHostKey'],
  fingerprint: string,
  replacePinned: boolean,
): AcceptVerdict {
  const given = normaliseFingerprint(fingerprint)
  if (problem === undefined) {
    return { refuse: 'The host key is already accepted: the host connects with it' }
  }
  if (problem.state === 'changed' && !replacePinned) {
    return {
      refuse:
        `The host key CHANGED (pinned ${problem.expected ?? '?'}, offered ${problem.offered}); ` +
        'replacing it needs replacePinned: true after checking the new key on the host itself',
    }
  }
  if (given !== problem.offered) {
    return { refuse: `The server offers ${problem.offered}, not ${given}` }
  }
  return { pin: given }
}
