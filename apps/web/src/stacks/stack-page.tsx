import type { StackDetails, StackUpInput } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense, useState } from 'react'
import { Link, useParams } from 'wouter'
import { canChange, useHost } from '../hosts/index.ts'
import { ErrorState, layout, Spinner, Tabs, texts, TimeAgo } from '../ui/index.ts'
import { deployStack } from './deploy-calls.ts'
import { type DeployRequest, DeployDialog } from './deploy-dialog.tsx'
import { ProgressPanel } from './progress-panel.tsx'
import { ServicesTab } from './services-tab.tsx'
import { StackActions } from './stack-actions.tsx'
import { OriginBadge, StatusBadge } from './stack-columns.tsx'
import { StackLogsTab } from './stack-logs-tab.tsx'
import { stackDetailOptions } from './queries.ts'
import { type StackOperation, useStackOperation } from './use-stack-operation.ts'

// CodeMirror and its merge view are the heavy parts: loaded only when their tab opens.
const EditorTab = lazy(() => import('./editor-tab.tsx').then((m) => ({ default: m.EditorTab })))
const VersionsTab = lazy(() =>
  import('./versions-tab.tsx').then((m) => ({ default: m.VersionsTab })),
)

const TABS = [
  { id: 'services', label: 'Services', managedOnly: false },
  { id: 'logs', label: 'Logs', managedOnly: false },
  { id: 'editor', label: 'Editor', managedOnly: true },
  { id: 'versions', label: 'Versions', managedOnly: true },
] as const

export function StackPage() {
  const {
    hostId,
    name,
    tab = 'services',
  } = useParams<{
    hostId: string
    name: string
    tab?: string
  }>()
  const host = useHost(hostId)
  const detail = useQuery(stackDetailOptions(hostId, name))
  const op = useStackOperation(hostId)
  const deploy = useDeploy(hostId, name, op)
  const listHref = `/hosts/${encodeURIComponent(hostId)}/stacks`
  if (detail.isPending) return <Spinner label="Loading stack…" />
  if (detail.isError)
    return (
      <section className={layout.page}>
        <Link href={listHref}>← Stacks</Link>
        <ErrorState
          title="Could not open this stack"
          error={detail.error}
          onRetry={() => void detail.refetch()}
        />
      </section>
    )
  const stack = detail.data
  const mayChange = canChange(host)
  const base = `${listHref}/${encodeURIComponent(name)}`
  const tabs = TABS.filter((t) => stack.origin === 'managed' || !t.managedOnly).map((t) => ({
    id: t.id,
    label: t.label,
    href: t.id === 'services' ? base : `${base}/${t.id}`,
  }))
  return (
    <section className={layout.page}>
      <Link href={listHref} className={layout.backLink}>
        ← Stacks
      </Link>
      <StackHead
        hostId={hostId}
        stack={stack}
        mayChange={mayChange}
        op={op}
        onDeploy={() => {
          deploy.ask(stack.saved?.version)
        }}
      />
      <StackStamps stack={stack} />
      <ProgressPanel op={op} />
      <Tabs label="Stack views" items={tabs} current={tab} />
      <div className={layout.tabPanel}>
        <Suspense fallback={<Spinner label="Loading…" />}>
          <TabBody
            tab={tab}
            hostId={hostId}
            hostAddress={host?.address ?? ''}
            stack={stack}
            mayChange={mayChange}
            onDeploy={(version) => {
              deploy.ask(stack.saved?.version, version)
            }}
          />
        </Suspense>
      </div>
      <DeployDialog
        name={name}
        request={deploy.request}
        onClose={deploy.close}
        onDeploy={deploy.run}
      />
    </section>
  )
}

/** The deploy dialog's request, and the deploy it starts in the page's progress panel. */
function useDeploy(hostId: string, name: string, op: StackOperation) {
  const [request, setRequest] = useState<DeployRequest | undefined>()
  return {
    request,
    ask: (latest: number | undefined, version?: number) => {
      setRequest({ version, latest })
    },
    close: () => {
      setRequest(undefined)
    },
    run: (input: StackUpInput) => {
      setRequest(undefined)
      const which = input.version === undefined ? '' : ` version ${input.version} of`
      void op.run(
        `Deploying${which} ${name}`,
        (onProgress, signal) => deployStack(hostId, name, input, onProgress, signal),
        `Deployed${which} ${name}`,
      )
    },
  }
}

function StackHead({
  hostId,
  stack,
  mayChange,
  op,
  onDeploy,
}: {
  hostId: string
  stack: StackDetails
  mayChange: boolean
  op: StackOperation
  onDeploy: () => void
}) {
  return (
    <div className={layout.pageHead}>
      <h1 className={texts.truncate}>{stack.name}</h1>
      <OriginBadge origin={stack.origin} />
      <StatusBadge stack={stack} />
      {mayChange && <StackActions hostId={hostId} stack={stack} op={op} onDeploy={onDeploy} />}
    </div>
  )
}

/** When the file was last saved and deployed, and by whom. */
function StackStamps({ stack }: { stack: StackDetails }) {
  if (stack.origin !== 'managed') return null
  const { saved, deployed } = stack
  return (
    <p className={texts.muted}>
      {saved && (
        <>
          Version {saved.version} saved by {saved.by} <TimeAgo value={saved.at} prefix="" />
        </>
      )}
      {' · '}
      {deployed ? (
        <>
          version {deployed.version} deployed by {deployed.by}{' '}
          <TimeAgo value={deployed.at} prefix="" />
        </>
      ) : (
        'never deployed'
      )}
    </p>
  )
}

function TabBody({
  tab,
  hostId,
  hostAddress,
  stack,
  mayChange,
  onDeploy,
}: {
  tab: string
  hostId: string
  hostAddress: string
  stack: StackDetails
  mayChange: boolean
  onDeploy: (version: number) => void
}) {
  const managed = stack.origin === 'managed'
  switch (tab) {
    case 'logs':
      return (
        <StackLogsTab
          hostId={hostId}
          name={stack.name}
          services={stack.services.map((s) => s.name)}
        />
      )
    case 'editor':
      return managed ? <EditorTab hostId={hostId} name={stack.name} mayChange={mayChange} /> : null
    case 'versions':
      return managed ? (
        <VersionsTab hostId={hostId} name={stack.name} mayChange={mayChange} onDeploy={onDeploy} />
      ) : null
    default:
      return <ServicesTab hostId={hostId} hostAddress={hostAddress} stack={stack} />
  }
}
