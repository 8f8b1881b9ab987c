import { useQuery } from '@tanstack/react-query'
import { Button, useToast } from '../ui/index.ts'
import { errorMessage } from '../platform/api-client.ts'
import { updateFor, updateReportOptions, useUpdateContainer } from './queries.ts'

/**
 * "Update" on a container the last check found an update for: pulls, recreates with the same
 * settings and waits for healthy; a rollback is said plainly, with the reason.
 */
export function UpdateButton({
  hostId,
  containerId,
  name,
  onUpdated,
}: {
  hostId: string
  containerId: string
  name: string
  /** The container's new id once recreated. */
  onUpdated?: (id: string) => void
}) {
  const toast = useToast()
  const report = useQuery(updateReportOptions(hostId))
  // The outcome is said from the mutation's own callbacks, not mutate()'s: while the container
  // is recreated its page loses it for a moment and unmounts this button, and mutate()'s
  // callbacks never run for an unmounted component (the result was lost).
  const update = useUpdateContainer(hostId, {
    onSuccess: (result) => {
      if (result.outcome === 'rolled-back') {
        toast({
          tone: 'bad',
          title: `Update of ${name} rolled back`,
          body: `${result.reason ?? 'The new container failed'}. The old container runs as before.`,
        })
        return
      }
      toast({
        tone: 'ok',
        title:
          result.outcome === 'updated'
            ? `Updated ${name} to the new ${result.image}`
            : `${name} already runs the newest ${result.image}`,
      })
      if (result.outcome === 'updated') onUpdated?.(result.containerId)
    },
    onError: (error) => {
      toast({ tone: 'bad', title: `Could not update ${name}`, body: errorMessage(error) })
    },
  })
  if (updateFor(report.data, containerId) === undefined) return null
  return (
    <Button
      variant="primary"
      busy={update.isPending}
      onClick={() => {
        update.mutate(containerId)
      }}
    >
      {update.isPending ? 'Updating… (pull, recreate, health check)' : 'Update'}
    </Button>
  )
}
