import type { ContainerDetails, Host } from '@harbormaster/contract'
import { useState, type ReactNode } from 'react'
import { formatBinaryBytes } from '../platform/format.ts'
import { Button, CopyButton, layout, texts, TimeAgo } from '../ui/index.ts'
import { WithheldNote, envEntries, hasRevealable } from './env-withheld.tsx'
import { LimitsDialog } from './limits-dialog.tsx'

/** The inspect summary that matters, every value rendered as text. */
export function OverviewTab({
  container: c,
  hostId,
  mayChange,
  role,
}: {
  container: ContainerDetails
  hostId: string
  mayChange: boolean
  /** The caller's role on the host, to say why the server withheld values. */
  role: Host['role'] | undefined
}) {
  return (
    <div className={layout.overviewGrid}>
      <ContainerCard container={c} />
      <LimitsCard container={c} hostId={hostId} mayChange={mayChange} />
      <PortsCard container={c} />
      <NetworksCard container={c} />
      <MountsCard container={c} />
      <EnvCard env={c.env} maskedEnv={c.maskedEnv} role={role} />
      <LabelsCard container={c} />
    </div>
  )
}

/**
 * Environment values are often secrets: masked until the user reveals them. Values the server
 * withheld for the caller's role are not in the page: marked as such, with no way to reveal.
 */
function EnvCard({
  env,
  maskedEnv,
  role,
}: {
  env: string[]
  maskedEnv: string[]
  role: Host['role'] | undefined
}) {
  const [revealed, setRevealed] = useState(false)
  const entries = envEntries(env, maskedEnv)
  return (
    <Card
      title="Environment"
      action={
        hasRevealable(entries) && (
          <Button
            variant="ghost"
            onClick={() => {
              setRevealed((r) => !r)
            }}
          >
            {revealed ? 'Hide values' : 'Reveal values'}
          </Button>
        )
      }
    >
      {entries.length === 0 ? (
        <p className={texts.muted}>None</p>
      ) : (
        <dl className={layout.kv}>
          {entries.map(({ key, value, withheld }, i) => (
            <div key={`${key}-${String(i)}`}>
              <dt>{key}</dt>
              <dd>
                {withheld ? (
                  <em className={texts.muted}>withheld</em>
                ) : (
                  <>
                    {revealed ? (value ?? '') : '••••••••'}
                    {revealed && <CopyButton value={value ?? ''} label={`Copy ${key}`} />}
                  </>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <WithheldNote role={role} entries={entries} />
    </Card>
  )
}

function Card({
  title,
  action,
  children,
}: {
  title: string
  action?: ReactNode
  children: ReactNode
}) {
  return (
    <section className={layout.card}>
      <div className={layout.cardHead}>
        <h2>{title}</h2>
        {action}
      </div>
      {children}
    </section>
  )
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={layout.row}>
      <span className={layout.rowLabel}>{label}</span>
      <span className={layout.rowValue}>{children}</span>
    </div>
  )
}

function ContainerCard({ container: c }: { container: ContainerDetails }) {
  return (
    <Card title="Container">
      <Row label="Image">
        <code>{c.image}</code>
      </Row>
      <Row label="Command">
        <code className={texts.wrap}>{c.command.join(' ') || '—'}</code>
      </Row>
      <Row label="State">
        {c.state.status}
        {c.state.running ? '' : ` (exit code ${c.state.exitCode})`}
        {c.state.oomKilled ? ', OOM killed' : ''}
      </Row>
      {c.state.error !== '' && <Row label="Error">{c.state.error}</Row>}
      <Row label="Started">
        <TimeAgo value={c.state.startedAt} />
      </Row>
      {!c.state.running && (
        <Row label="Finished">
          <TimeAgo value={c.state.finishedAt} />
        </Row>
      )}
      <Row label="Created">
        <TimeAgo value={c.created} />
      </Row>
      <Row label="Restart policy">
        {c.restartPolicy.name}
        {c.restartPolicy.name === 'on-failure' && c.restartPolicy.maximumRetryCount
          ? ` (max ${c.restartPolicy.maximumRetryCount})`
          : ''}
        {c.restartCount > 0 ? ` · restarted ${c.restartCount}×` : ''}
      </Row>
      <Row label="Working dir">{c.workingDir || '—'}</Row>
      <Row label="User">{c.user || '—'}</Row>
      <Row label="TTY">{c.tty ? 'yes' : 'no'}</Row>
      {c.privileged && <Row label="Privileged">yes</Row>}
      {c.adminOnly.length > 0 && (
        <Row label="Admin-only settings">
          {c.adminOnly.join(', ')} (shell, attach input and files are for admins only)
        </Row>
      )}
    </Card>
  )
}

function LimitsCard({
  container: c,
  hostId,
  mayChange,
}: {
  container: ContainerDetails
  hostId: string
  mayChange: boolean
}) {
  const [editing, setEditing] = useState(false)
  return (
    <Card
      title="Limits"
      action={
        mayChange && (
          <Button
            variant="ghost"
            aria-label="Edit limits and restart policy"
            onClick={() => {
              setEditing(true)
            }}
          >
            Edit
          </Button>
        )
      }
    >
      {editing && (
        <LimitsDialog
          hostId={hostId}
          container={c}
          onClose={() => {
            setEditing(false)
          }}
        />
      )}
      <Row label="Memory">
        {c.limits.memoryBytes ? formatBinaryBytes(c.limits.memoryBytes) : 'unlimited'}
      </Row>
      <Row label="CPUs">{c.limits.nanoCpus ? String(c.limits.nanoCpus / 1e9) : 'unlimited'}</Row>
      <Row label="CPU shares">{c.limits.cpuShares > 0 ? c.limits.cpuShares : 'default'}</Row>
      <Row label="Restart policy">{c.restartPolicy.name}</Row>
    </Card>
  )
}

function PortsCard({ container: c }: { container: ContainerDetails }) {
  return (
    <Card title="Ports">
      {c.ports.length === 0 ? (
        <p className={texts.muted}>None</p>
      ) : (
        <ul className={texts.plain}>
          {c.ports.map((p) => (
            <li key={`${p.ip ?? ''}:${p.publicPort ?? ''}:${p.privatePort}/${p.type}`}>
              <code>
                {p.publicPort !== undefined ? `${p.ip ?? '0.0.0.0'}:${p.publicPort} → ` : ''}
                {p.privatePort}/{p.type}
              </code>
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}

function NetworksCard({ container: c }: { container: ContainerDetails }) {
  return (
    <Card title="Networks">
      <Row label="Mode">{c.networkMode}</Row>
      {Object.entries(c.networks).map(([name, n]) => (
        <Row key={name} label={name}>
          {n.ipAddress === undefined || n.ipAddress === '' ? '—' : n.ipAddress}
          {n.aliases.length > 0 ? ` (aliases: ${n.aliases.join(', ')})` : ''}
        </Row>
      ))}
    </Card>
  )
}

function MountsCard({ container: c }: { container: ContainerDetails }) {
  return (
    <Card title="Mounts">
      {c.mounts.length === 0 ? (
        <p className={texts.muted}>None</p>
      ) : (
        <ul className={texts.plain}>
          {c.mounts.map((m) => (
            <li key={m.destination}>
              <code className={texts.wrap}>
                {m.type}: {m.name ?? m.source} → {m.destination}
                {m.readWrite ? '' : ' (read-only)'}
              </code>
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}

function LabelsCard({ container: c }: { container: ContainerDetails }) {
  return (
    <Card title="Labels">
      {Object.keys(c.labels).length === 0 ? (
        <p className={texts.muted}>None</p>
      ) : (
        <dl className={layout.kv}>
          {Object.entries(c.labels)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
        </dl>
      )}
    </Card>
  )
}
