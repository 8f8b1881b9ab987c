import { useQuery } from '@tanstack/react-query'
import { Button, EmptyState, ErrorState, layout, Spinner, texts } from '../ui/index.ts'
import { containerTopOptions } from './queries.ts'

/** `docker top`: read when the tab opens and on request (processes have no events). */
export function ProcessesTab({
  hostId,
  id,
  running,
}: {
  hostId: string
  id: string
  running: boolean
}) {
  const top = useQuery({ ...containerTopOptions(hostId, id), enabled: running })
  if (!running)
    return (
      <EmptyState title="The container is not running">Start it to see its processes.</EmptyState>
    )
  if (top.isPending) return <Spinner label="Reading processes…" />
  if (top.isError) return <ErrorState error={top.error} onRetry={() => void top.refetch()} />
  return (
    <div>
      <div className={layout.toolbar}>
        <Button busy={top.isFetching} onClick={() => void top.refetch()}>
          Refresh
        </Button>
      </div>
      <div className={texts.scrollX}>
        <table className={layout.simpleTable}>
          <thead>
            <tr>
              {top.data.titles.map((t) => (
                <th key={t}>{t}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {top.data.processes.map((row, i) => (
              <tr key={`${row[1] ?? ''}-${i}`}>
                {row.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
