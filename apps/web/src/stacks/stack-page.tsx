import type { StackDetails, StackUpInput } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense, useState } from 'react'
import { Link, useLocation, useParams } from 'wouter'
import { canChange, useHost } from '../hosts/index.ts'
import { TimelinePanel } from '../history/timeline/index.ts'
import { EmptyState, ErrorState, layout, Spinner, Tabs, texts, TimeAgo } from '../ui/index.ts'
import { StackAutoUpdateSetting, StackUpdateBadge } from '../updates/index.ts'
import { deployStack, scaleStack } from './deploy-calls.ts'
import { type DeployRequest, DeployDialog } from './deploy-dialog.tsx'
import { FirstDeployNotice } from './first-deploy-notice.tsx'
import { ProgressPanel } from './progress-panel.tsx'
import { type ServiceScaling, ServicesTab } from './services-tab.tsx'
import { StackActions } from './stack-actions.tsx'
import { OriginBadge, StatusBadge } from './stack-columns.tsx'
import { StackLogsTab } from './stack-logs-tab.tsx'
import { stackDetailOptions } from './queries.ts'
import { type StackOperation, useStackOperation } from './use-stack-operation.ts'

// CodeMirror and its merge view are the heavy parts: loaded only when their tab (or the
// adoption's review) opens.
const EditorTab = lazy(() => import('./editor-tab.tsx').then((m) => ({ default: m.EditorTab })))
const VersionsTab = lazy(() =>
  import('./versions-tab.tsx').then((m) => ({ default: m.VersionsTab })),
)
const AdoptView = lazy(() => import('./adopt-view.tsx').then((m) => ({ default: m.AdoptView })))

const TABS = [
  { id: 'services', label: 'Services', managedOnly: false },
  { id: 'logs', label: 'Logs', managedOnly: false },
  { id: 'editor', label: 'Editor', managedOnly: true },
  { id: 'versions', label: 'Versions', managedOnly: true },
  { id: 'timeline', label: 'Timeline', managedOnly: false },
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
  const scaling = useScaling(hostId, name, op)
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
  return (
    <StackPageBody
      hostId={hostId}
      hostAddress={host?.address ?? ''}
      mayChange={canChange(host)}
      stack={detail.data}
      tab={tab}
      listHref={listHref}
      op={op}
      deploy={deploy}
      scaling={scaling}
    />
  )
}

/** The page of a stack read: its head, the progress of what runs, its tabs. */
function StackPageBody({
  hostId,
  hostAddress,
  mayChange,
  stack,
  tab,
  listHref,
  op,
  deploy,
  scaling,
}: {
  hostId: string
  hostAddress: string
  mayChange: boolean
  stack: StackDetails
  tab: string
  listHref: string
  op: StackOperation
  deploy: ReturnType<typeof useDeploy>
  scaling: ServiceScaling
}) {
  const [, navigate] = useLocation()
  const base = `${listHref}/${encodeURIComponent(stack.name)}`
  const askDeploy = () => {
    deploy.ask(stack.saved?.version)
  }
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
        onDeploy={askDeploy}
        // Not while the review is open: it is the adoption.
        onAdopt={
          tab === 'adopt'
            ? undefined
            : () => {
                navigate(`${base}/adopt`)
              }
        }
      />
      <StackStamps stack={stack} />
      {stack.origin === 'managed' && stack.target !== 'swarm' && (
        <StackAutoUpdateSetting hostId={hostId} name={stack.name} mayChange={mayChange} />
      )}
      {mayChange && tab !== 'adopt' && (
        <FirstDeployNotice stack={stack} busy={op.running} onDeploy={askDeploy} />
      )}
      <ProgressPanel op={op} />
      <Tabs label="Stack views" items={stackTabs(stack, base)} current={tab} />
      <div className={layout.tabPanel}>
        <Suspense fallback={<Spinner label="Loading…" />}>
          <TabBody
            tab={tab}
            hostId={hostId}
            hostAddress={hostAddress}
            stack={stack}
            base={base}
            mayChange={mayChange}
            scaling={mayChange && stack.deployed !== undefined ? scaling : undefined}
            onDeploy={(version) => {
              deploy.ask(stack.saved?.version, version)
            }}
          />
        </Suspense>
      </div>
      <DeployDialog
        name={stack.name}
        request={deploy.request}
        onClose={deploy.close}
        onDeploy={deploy.run}
      />
    </section>
  )
}

/**
 * The page's tabs: the editor and versions only where there is a file; no merged container logs
 * for a swarm stack (its services' logs are on their pages).
 */
function stackTabs(stack: StackDetails, base: string) {
  const shown = TABS.filter((t) => stack.origin === 'managed' || !t.managedOnly)
  return shown
    .filter((t) => stack.target !== 'swarm' || t.id !== 'logs')
    .map((t) => ({
      id: t.id,
      label: t.label,
      href: t.id === 'services' ? base : `${base}/${t.id}`,
    }))
}

/** Scaling one service of the stack, in the page's progress panel. */
function useScaling(hostId: string, name: string, op: StackOperation): ServiceScaling {
  return {
    busy: op.running,
    onScale: (service, replicas) => {
      void op.run(
        `Scaling ${service} of ${name} to ${replicas}`,
        (onProgress, signal) => scaleStack(hostId, name, { service, replicas }, onProgress, signal),
        `Scaled ${service} of ${name} to ${replicas}`,
      )
    },
  }
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
  onAdopt,
}: {
  hostId: string
  stack: StackDetails
  mayChange: boolean
  op: StackOperation
  onDeploy: () => void
  onAdopt: (() => void) | undefined
}) {
  return (
    <div className={layout.pageHead}>
      <h1 className={texts.truncate}>{stack.name}</h1>
      <OriginBadge origin={stack.origin} target={stack.target} />
      <StatusBadge stack={stack} />
      <StackUpdateBadge stack={stack} />
      {mayChange && (
        <StackActions hostId={hostId} stack={stack} op={op} onDeploy={onDeploy} onAdopt={onAdopt} />
      )}
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
  base,
  mayChange,
  scaling,
  onDeploy,
}: {
  tab: string
  hostId: string
  hostAddress: string
  stack: StackDetails
  base: string
  mayChange: boolean
  scaling: ServiceScaling | undefined
  onDeploy: (version: number) => void
}) {
  const managed = stack.origin === 'managed'
  switch (tab) {
    case 'adopt':
      return !managed && mayChange ? (
        <AdoptView
          hostId={hostId}
          name={stack.name}
          configFiles={stack.configFiles ?? []}
          stackHref={base}
        />
      ) : (
        <EmptyState title={managed ? 'This stack is managed already' : 'Not yours to adopt'} />
      )
    case 'logs':
      return (
        <StackLogsTab
          hostId={hostId}
          name={stack.name}
          services={stack.services.map((s) => s.name)}
        />
      )
    case 'timeline':
      return <TimelinePanel hostId={hostId} stack={stack.name} />
    case 'editor':
      return managed ? <EditorTab hostId={hostId} name={stack.name} mayChange={mayChange} /> : null
    case 'versions':
      return managed ? (
        <VersionsTab hostId={hostId} name={stack.name} mayChange={mayChange} onDeploy={onDeploy} />
      ) : null
    default:
      return (
        <ServicesTab
          hostId={hostId}
          hostAddress={hostAddress}
          stack={stack}
          scaling={managed && stack.target !== 'swarm' ? scaling : undefined}
        />
      )
  }
}
