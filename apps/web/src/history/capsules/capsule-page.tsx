import type { Capsule } from '@harbormaster/contract'
import { useMemo } from 'react'
import { Link, useLocation, useParams } from 'wouter'
import { canChange, useHost } from '../../hosts/index.ts'
import {
  Badge,
  Button,
  Card,
  CopyButton,
  ErrorState,
  layout,
  MomentAt,
  Row,
  ShortId,
  Spinner,
  texts,
  useConfirm,
} from '../../ui/index.ts'
import { capsulesPath, logSourceText, reasonText, reasonTone } from './capsule-view.ts'
import { useCapsule, useDeleteCapsule } from './capsules-api.ts'
import styles from './capsule-page.module.css'

/** One capsule: why it was kept, its image and digest, its last log lines, its inspect. */
export function CapsulePage() {
  const { hostId, id } = useParams<{ hostId: string; id: string }>()
  const capsule = useCapsule(hostId, id)
  const host = useHost(hostId)
  const back = (
    <Link href={capsulesPath(hostId)} className={layout.backLink}>
      ← Recently crashed or removed
    </Link>
  )
  if (capsule.isPending) return <Spinner label="Loading capsule…" />
  if (capsule.isError)
    return (
      <section className={layout.page}>
        {back}
        <ErrorState
          title="Could not open this capsule"
          error={capsule.error}
          onRetry={() => void capsule.refetch()}
        />
      </section>
    )
  const c = capsule.data
  return (
    <section className={layout.page}>
      {back}
      <div className={layout.pageHead}>
        <h1 className={texts.truncate}>{c.name}</h1>
        <ShortId id={c.containerId} />
        <Badge tone={reasonTone(c)}>{reasonText(c)}</Badge>
        {c.oomKilled && <Badge tone="bad">OOM killed</Badge>}
        {canChange(host) && <DeleteCapsule hostId={hostId} capsule={c} />}
      </div>
      <div className={layout.overviewGrid}>
        <WhatHappened hostId={hostId} capsule={c} />
        <Card title="Image">
          <Row label="Image">
            <span className={texts.mono}>{c.image}</span>
          </Row>
          <Row label="Image id">
            <span className={texts.mono}>{c.imageId ?? 'unknown'}</span>
          </Row>
          <Row label="Digest">
            <span className={texts.mono}>
              {c.imageDigests.length === 0 ? 'none (a local image)' : c.imageDigests.join(', ')}
            </span>
          </Row>
        </Card>
      </div>
      {c.notes.length > 0 && (
        <div role="note">
          <ul className={styles.notes}>
            {c.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}
      <Card title={`Last log lines: ${logSourceText(c)}`}>
        <CapsuleLog capsule={c} />
      </Card>
      <Card title="Inspect">
        <CapsuleInspect capsule={c} />
      </Card>
    </section>
  )
}

/** Why and when it ended: the exit, OOM, the times of its run and when it was kept. */
function WhatHappened({ hostId, capsule }: { hostId: string; capsule: Capsule }) {
  return (
    <Card title="What happened">
      <Row label="Exit code">{capsule.exitCode ?? 'unknown'}</Row>
      <Row label="OOM killed">{capsule.oomKilled ? 'yes' : 'no'}</Row>
      <Row label="Started">
        <MomentAt value={capsule.startedAt} />
      </Row>
      <Row label="Finished">
        <MomentAt value={capsule.finishedAt} />
      </Row>
      <Row label="Kept at">
        <MomentAt value={capsule.capturedAt} />
      </Row>
      <Row label="Earlier runs">
        <Link href={capsulesPath(hostId, capsule.name)}>all of {capsule.name}</Link>
      </Row>
    </Card>
  )
}

function CapsuleLog({ capsule }: { capsule: Capsule }) {
  if (capsule.log.length === 0) return <p className={texts.muted}>No log lines were kept.</p>
  return (
    <pre className={styles.log} role="log" aria-label="Log lines" tabIndex={0}>
      {capsule.log.map((line, index) => (
        <span key={index} className={styles.line} data-stream={line.stream}>
          {line.text}
        </span>
      ))}
    </pre>
  )
}

/** The inspect as stored: every environment value was masked when it was kept. */
function CapsuleInspect({ capsule }: { capsule: Capsule }) {
  const text = useMemo(() => JSON.stringify(capsule.inspect, null, 2), [capsule.inspect])
  if (capsule.inspect === null)
    return <p className={texts.muted}>The engine no longer had the container’s details.</p>
  return (
    <div>
      <div className={layout.toolbar}>
        <CopyButton value={text} label="Copy JSON" />
        <span className={texts.muted}>Environment values were masked when this was kept.</span>
      </div>
      <pre className={texts.codeBlock}>{text}</pre>
    </div>
  )
}

function DeleteCapsule({ hostId, capsule }: { hostId: string; capsule: Capsule }) {
  const remove = useDeleteCapsule(hostId)
  const confirm = useConfirm()
  const [, navigate] = useLocation()
  return (
    <Button
      variant="danger"
      busy={remove.isPending}
      onClick={() => {
        void confirm({
          title: `Delete this capsule of ${capsule.name}?`,
          body: 'Its log lines and details are gone for good.',
          confirmLabel: 'Delete',
          danger: true,
        }).then((yes) => {
          if (yes)
            remove.mutate(capsule.id, {
              onSuccess: () => {
                navigate(capsulesPath(hostId))
              },
            })
        })
      }}
    >
      Delete
    </Button>
  )
}
