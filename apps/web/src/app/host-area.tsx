import { useEffect } from 'react'
import { Redirect, Route, Switch, useParams } from 'wouter'
import { ContainerListPage, ContainerPage, CreateContainerPage } from '../containers/index.ts'
import { HostLinkContext, useHostEvents } from '../events/index.ts'
import { HostOverviewPage, useHosts } from '../hosts/index.ts'
import { TimelinePage } from '../history/timeline/index.ts'
import { ImageListPage } from '../images/index.ts'
import { NetworkListPage, NetworkPage } from '../networks/index.ts'
import { NewStackRoute, StackListPage, StackRoute } from '../stacks/index.ts'
import {
  EditServicePage,
  NewServicePage,
  NodePage,
  ServicePage,
  SwarmPage,
} from '../swarm/index.ts'
import { VolumeListPage, VolumePage } from '../volumes/index.ts'
import { CapsulePage, CapsulesPage } from '../history/capsules/index.ts'
import { EmptyState } from '../ui/index.ts'
import { Layout, rememberHost } from './layout.tsx'

/** Everything under /hosts/:hostId, kept fresh by that host's one events socket. */
export function HostArea() {
  const { hostId } = useParams<{ hostId: string }>()
  const link = useHostEvents(hostId)
  useEffect(() => {
    rememberHost(hostId)
  }, [hostId])
  const hosts = useHosts()
  const known = hosts.data === undefined || hosts.data.some((h) => h.id === hostId)
  return (
    <HostLinkContext value={link}>
      <Layout hostId={hostId}>
        {known ? (
          <Switch>
            <Route path="/hosts/:hostId/containers" component={ContainerListPage} />
            <Route path="/hosts/:hostId/containers/new" component={CreateContainerPage} />
            <Route path="/hosts/:hostId/containers/:id/:tab?" component={ContainerPage} />
            <Route path="/hosts/:hostId/stacks" component={StackListPage} />
            <Route path="/hosts/:hostId/stacks/new" component={NewStackRoute} />
            <Route path="/hosts/:hostId/stacks/:name/:tab?" component={StackRoute} />
            <Route path="/hosts/:hostId/overview" component={HostOverviewPage} />
            <Route path="/hosts/:hostId/timeline" component={TimelinePage} />
            <Route path="/hosts/:hostId/images" component={ImageListPage} />
            <Route path="/hosts/:hostId/networks" component={NetworkListPage} />
            <Route path="/hosts/:hostId/networks/:id" component={NetworkPage} />
            <Route path="/hosts/:hostId/volumes" component={VolumeListPage} />
            <Route path="/hosts/:hostId/volumes/:name" component={VolumePage} />
            <Route path="/hosts/:hostId/capsules" component={CapsulesPage} />
            <Route path="/hosts/:hostId/capsules/:id" component={CapsulePage} />
            <Route path="/hosts/:hostId/swarm/services/new" component={NewServicePage} />
            <Route path="/hosts/:hostId/swarm/services/:id/edit" component={EditServicePage} />
            <Route path="/hosts/:hostId/swarm/services/:id/logs" component={ServicePage} />
            <Route path="/hosts/:hostId/swarm/services/:id" component={ServicePage} />
            <Route path="/hosts/:hostId/swarm/nodes/:id" component={NodePage} />
            <Route path="/hosts/:hostId/swarm/:tab?" component={SwarmPage} />
            <Route>
              <Redirect to={`/hosts/${encodeURIComponent(hostId)}/containers`} replace />
            </Route>
          </Switch>
        ) : (
          <EmptyState title={`No host “${hostId}”`}>
            <p>It does not exist or you may not see it. Pick another host above.</p>
          </EmptyState>
        )}
      </Layout>
    </HostLinkContext>
  )
}
