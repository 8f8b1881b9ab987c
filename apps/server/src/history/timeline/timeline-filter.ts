import type { TimelineSource } from '@harbormaster/contract'

/** A timeline question, as the route has checked it, with who asks. */
export interface TimelineFilter {
  hostId: string
  container?: string | undefined
  stack?: string | undefined
  type?: string | undefined
  action?: string | undefined
  user?: string | undefined
  q?: string | undefined
  source?: TimelineSource | undefined
  since?: number | undefined
  until?: number | undefined
  before?: string | undefined
  /** The caller's label scope on the host; undefined: they see everything on it. */
  labelScope?: string | undefined
  /** The caller, whose own actions they always see. */
  callerId: string
  /** Whether the caller reads the audit log (admins): user actions' parameters and errors. */
  readsAudit: boolean
}
