import type { CapsuleSummary } from '@harbormaster/contract'
import { Link } from 'wouter'
import { Badge, layout, texts, TimeAgo, SimpleTable } from '../../ui/index.ts'
import { capsulePath, logSourceText, reasonText, reasonTone } from './capsule-view.ts'

/** Capsules newest first: when, the container, why, the image, what of the log was kept. */
export function CapsuleTable({
  hostId,
  capsules,
}: {
  hostId: string
  capsules: readonly CapsuleSummary[]
}) {
  return (
    <SimpleTable columns={['When', 'Container', 'What happened', 'Image', 'Log']}>
      {capsules.map((capsule) => (
        <tr key={capsule.id} aria-label={`${capsule.name}: ${reasonText(capsule)}`}>
          <td>
            <TimeAgo value={capsule.finishedAt ?? capsule.capturedAt} />
          </td>
          <td>
            <Link href={capsulePath(hostId, capsule.id)} className={layout.strongLink}>
              {capsule.name}
            </Link>
          </td>
          <td>
            <Badge tone={reasonTone(capsule)}>{reasonText(capsule)}</Badge>
          </td>
          <td className={texts.mono}>{capsule.image}</td>
          <td className={texts.muted}>{logSourceText(capsule)}</td>
        </tr>
      ))}
    </SimpleTable>
  )
}
