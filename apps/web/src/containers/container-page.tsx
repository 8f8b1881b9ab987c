import type { Host } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { AutoUpdateNote, ContainerUpdate } from '../updates/index.ts'
import { lazy, Suspense } from 'react'
import { Link, useLocation, useParams } from 'wouter'
import { canChange, useHost } from '../hosts/index.ts'
import { LogsTab } from '../logs/index.ts'
import { TimelinePanel } from '../history/timeline/index.ts'
import { EmptyState, ErrorState, layout, ShortId, Spinner, Tabs, texts } from '../ui/index.ts'
import { ContainerActions } from './container-actions.tsx'
import { adminOnlyReason, displayName } from './container-view.ts'
import { FilesTab } from './files-tab.tsx'
import { InspectTab } from './inspect-tab.tsx'
import { OverviewTab } from './overview-tab.tsx'
import { ProcessesTab } from './processes-tab.tsx'
import { RenameButton } from './rename-dialog.tsx'
import { containerDetailOptions } from './queries.ts'
import { HealthBadge, StateBadge } from './state-badges.tsx'
import { EarlierRuns } from '../history/capsules/index.ts'

// The terminal and the charts are the heavy parts: loaded only when their tab opens.
const TerminalTab = lazy(() => import('../exec/index.ts').then((m) => ({ default: m.TerminalTab })))
const StatsTab = lazy(() => import('../stats/index.ts').then((m) => ({ default: m.StatsTab })))

const TABS = [
  { id: 'overview', label: 'Overview', operator: false },
  { id: 'logs', label: 'Logs', operator: false },
  { id: 'terminal', label: 'Terminal', operator: true },
  { id: 'stats', label: 'Stats', operator: false },
  { id: 'processes', label: 'Processes', operator: false },
  { id: 'files', label: 'Files', operator: true },
  { id: 'inspect', label: 'Inspect', operator: false },
  { id: 'timeline', label: 'Timeline', operator: false },
] as const

export function ContainerPage() {
  const { hostId, id, tab = 'overview' } = useParams<{ hostId: string; id: string; tab?: string }>()
  const host = useHost(hostId)
  const detail = useQuery(containerDetailOptions(hostId, id))
  const mayChange = canChange(host)
  const isAdmin = host?.role === 'admin'
  const [, navigate] = useLocation()
  const pathOf = (ref: string) =>
    `/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(ref)}`
  const base = pathOf(id)
  const tabs = TABS.filter((t) => mayChange || !t.operator).map((t) => ({
    id: t.id,
    label: t.label,
    href: t.id === 'overview' ? base : `${base}/${t.id}`,
  }))

  if (detail.isPending) return <Spinner label="Loading container…" />
  if (detail.isError)
    return (
      <section className={layout.page}>
        <Link href={`/hosts/${encodeURIComponent(hostId)}/containers`}>← Containers</Link>
        <ErrorState
          title="Could not open this container"
          error={detail.error}
          onRetry={() => void detail.refetch()}
        />
      </section>
    )
  const c = detail.data
  const name = displayName(c.name)
  return (
    <section className={layout.page}>
      <Link href={`/hosts/${encodeURIComponent(hostId)}/containers`} className={layout.backLink}>
        ← Containers
      </Link>
      <div className={layout.pageHead}>
        <h1 className={texts.truncate}>{name}</h1>
        <ShortId id={c.id} />
        <StateBadge state={c.state.status} />
        <HealthBadge health={c.state.health} />
        <ContainerUpdate
          hostId={hostId}
          containerId={c.id}
          name={name}
          mayChange={mayChange}
          // The container has a new id now: follow it by its name.
          onUpdated={() => {
            navigate(pathOf(name), { replace: true })
          }}
        />
        <AutoUpdateNote hostId={hostId} labels={c.labels} />
        {mayChange && <ContainerActions hostId={hostId} container={c} />}
        {mayChange && (
          <RenameButton
            hostId={hostId}
            id={c.id}
            name={name}
            onRenamed={(next) => {
              // The address may name the container by its old name: follow the new one.
              navigate(tab === 'overview' ? pathOf(next) : `${pathOf(next)}/${tab}`, {
                replace: true,
              })
            }}
          />
        )}
      </div>
      <Tabs label="Container views" items={tabs} current={tab} />
      <div className={layout.tabPanel}>
        <Suspense fallback={<Spinner label="Loading…" />}>
          <TabBody
            tab={tab}
            hostId={hostId}
            id={c.id}
            mayChange={mayChange}
            host={host}
            isAdmin={isAdmin}
            detail={c}
          />
        </Suspense>
      </div>
    </section>
  )
}

function TabBody({
  tab,
  hostId,
  id,
  mayChange,
  host,
  isAdmin,
  detail,
}: {
  tab: string
  hostId: string
  id: string
  mayChange: boolean
  host: Host | undefined
  isAdmin: boolean
  detail: Parameters<typeof OverviewTab>[0]['container']
}) {
  const role = host?.role
  // The host's API version when it has no stats (before 1.17).
  const noStatsAt = host?.capabilities?.stats === false ? (host.apiVersion ?? '?') : undefined
  const filesLocked = adminOnlyReason('browse, download or upload files', detail.adminOnly, isAdmin)
  switch (tab) {
    case 'logs':
      return <LogsTab hostId={hostId} containerId={id} tty={detail.tty} />
    case 'terminal':
      return mayChange ? (
        <TerminalTab
          hostId={hostId}
          containerId={id}
          running={detail.state.running}
          paused={detail.state.paused}
          openStdin={detail.openStdin}
          mayStart={mayChange}
          inputLocked={adminOnlyReason(
            'open a shell or type into the main process',
            detail.adminOnly,
            isAdmin,
          )}
        />
      ) : null
    case 'stats':
      return (
        <StatsTab
          hostId={hostId}
          containerId={id}
          running={detail.state.running}
          noStatsAt={noStatsAt}
        />
      )
    case 'processes':
      return <ProcessesTab hostId={hostId} id={id} running={detail.state.running} />
    case 'files':
      if (!mayChange) return null
      return filesLocked === undefined ? (
        <FilesTab hostId={hostId} id={id} />
      ) : (
        <div role="note">
          <EmptyState title="Files are admin-only here">
            <p>{filesLocked}</p>
          </EmptyState>
        </div>
      )
    case 'timeline':
      // By name: every container that had it (a recreated one's past included).
      return <TimelinePanel hostId={hostId} container={displayName(detail.name)} />
    case 'inspect':
      return <InspectTab raw={detail.raw} maskedEnv={detail.maskedEnv} role={role} />
    default:
      return (
        <>
          <OverviewTab container={detail} hostId={hostId} mayChange={mayChange} role={role} />
          <EarlierRuns hostId={hostId} name={displayName(detail.name)} />
        </>
      )
  }
}
