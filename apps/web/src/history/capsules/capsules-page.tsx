import { Link, useParams } from 'wouter'
import { useUrlParam } from '../../app/url-state.ts'
import { canChange, useHost } from '../../hosts/index.ts'
import { EmptyState, ErrorState, layout, Spinner, texts } from '../../ui/index.ts'
import { CapsuleTable } from './capsule-table.tsx'
import { capsulesPath } from './capsule-view.ts'
import { useCapsules } from './capsules-api.ts'
import { RetentionPanel } from './retention-panel.tsx'

/** A host's "recently crashed or removed" containers, newest first (`?name=`: one name's). */
export function CapsulesPage() {
  const { hostId } = useParams<{ hostId: string }>()
  const [name] = useUrlParam('name')
  const capsules = useCapsules(hostId, name === '' ? undefined : name)
  const host = useHost(hostId)
  return (
    <section className={layout.page}>
      <div className={layout.pageHead}>
        <h1>Recently crashed or removed</h1>
        {name !== '' && (
          <span className={texts.muted}>
            {name} · <Link href={capsulesPath(hostId)}>show all</Link>
          </span>
        )}
      </div>
      <p className={texts.muted}>
        What Harbormaster kept of each container that exited with an error, was killed for memory,
        or was removed: exit code, image, details and its last log lines.
      </p>
      {capsules.isPending ? (
        <Spinner label="Loading capsules…" />
      ) : capsules.isError ? (
        <ErrorState error={capsules.error} onRetry={() => void capsules.refetch()} />
      ) : capsules.data.capsules.length === 0 ? (
        <EmptyState title="Nothing crashed or was removed">
          <p>Containers that exit with an error, run out of memory or are removed show here.</p>
        </EmptyState>
      ) : (
        <CapsuleTable hostId={hostId} capsules={capsules.data.capsules} />
      )}
      <RetentionPanel hostId={hostId} mayChange={canChange(host)} />
    </section>
  )
}
