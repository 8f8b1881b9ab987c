import { Badge } from '../ui/index.ts'

/**
 * "update available" beside a stack (any service) or one of its services, when the last image
 * update check found a new digest for an image its containers run.
 */
export function StackUpdateBadge({
  stack,
  service,
}: {
  /** A stack summary's `updates`: its services with one. */
  stack: { updates?: readonly string[] | undefined }
  /** Only this service's. */
  service?: string
}) {
  const updates = stack.updates ?? []
  const shown = service === undefined ? updates.length > 0 : updates.includes(service)
  if (!shown) return null
  const title = service === undefined ? `Updates for ${updates.join(', ')}` : undefined
  return (
    <span title={title}>
      <Badge tone="info">update available</Badge>
    </span>
  )
}
