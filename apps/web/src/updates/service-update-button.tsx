import { useQuery } from '@tanstack/react-query'
import { errorMessage } from '../platform/api-client.ts'
import { Button, useToast } from '../ui/index.ts'
import { updateFor, updateReportOptions, useUpdateService } from './queries.ts'

/**
 * "Update" on a swarm service the last check found a new digest for: its spec then pins the
 * tag at that digest and Swarm replaces the tasks as the service's update settings say (the
 * page's update status follows it, a rollback included).
 */
export function ServiceUpdateButton({
  hostId,
  serviceId,
  name,
}: {
  hostId: string
  serviceId: string
  name: string
}) {
  const toast = useToast()
  const report = useQuery(updateReportOptions(hostId))
  const update = useUpdateService(hostId, {
    onSuccess: (result) => {
      toast({
        tone: 'ok',
        title:
          result.outcome === 'updated'
            ? `${name} is rolling over to ${result.image}`
            : `${name} already names the newest ${result.image}`,
        ...(result.warnings.length > 0 ? { body: result.warnings.join(' ') } : {}),
      })
    },
    onError: (error) => {
      toast({ tone: 'bad', title: `Could not update ${name}`, body: errorMessage(error) })
    },
  })
  if (updateFor(report.data, { serviceId }) === undefined) return null
  return (
    <Button
      variant="primary"
      busy={update.isPending}
      onClick={() => {
        update.mutate(serviceId)
      }}
    >
      Update image
    </Button>
  )
}
