import { useQuery } from '@tanstack/react-query'
import { Button, texts, TimeAgo, useToast } from '../ui/index.ts'
import { errorMessage } from '../platform/api-client.ts'
import { updateReportOptions, useCheckUpdates } from './queries.ts'

/** "Check now" for image updates, with when the host was last checked. */
export function CheckNowButton({ hostId }: { hostId: string }) {
  const toast = useToast()
  const report = useQuery(updateReportOptions(hostId))
  const check = useCheckUpdates(hostId)
  const checkedAt = report.data?.checkedAt ?? null
  return (
    <>
      <span className={texts.muted}>
        {checkedAt === null ? (
          'Images not checked yet'
        ) : (
          <>
            Images checked <TimeAgo value={checkedAt} />
          </>
        )}
      </span>
      <Button
        busy={check.isPending}
        onClick={() => {
          check.mutate(undefined, {
            onSuccess: (next) => {
              const found = next.images.filter((entry) => entry.status === 'update-available')
              toast({
                tone: 'ok',
                title:
                  found.length === 0
                    ? 'Every image is up to date (or cannot be checked)'
                    : `${String(found.length)} image${found.length === 1 ? '' : 's'} with an update`,
              })
            },
            onError: (error) => {
              toast({
                tone: 'bad',
                title: 'Could not check for updates',
                body: errorMessage(error),
              })
            },
          })
        }}
      >
        {check.isPending ? 'Checking…' : 'Check now'}
      </Button>
    </>
  )
}
