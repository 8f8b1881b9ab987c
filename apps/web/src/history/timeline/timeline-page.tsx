import { useParams } from 'wouter'
import { layout } from '../../ui/index.ts'
import { TimelinePanel } from './timeline-panel.tsx'

/** A host's timeline: what the engine reported and what users did, newest first, live. */
export function TimelinePage() {
  const { hostId } = useParams<{ hostId: string }>()
  return (
    <section className={layout.page}>
      <div className={layout.pageHead}>
        <h1>Timeline</h1>
      </div>
      <TimelinePanel hostId={hostId} />
    </section>
  )
}
