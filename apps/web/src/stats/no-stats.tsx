import { EmptyState } from '../ui/index.ts'

/** What a stats view shows for an engine whose API version has none (before 1.17). */
export function NoStats({ apiVersion }: { apiVersion: string | undefined }) {
  return (
    <EmptyState title="No stats on this engine">
      This engine&rsquo;s API {apiVersion ?? '?'} has no stats (they came with API 1.17).
    </EmptyState>
  )
}
