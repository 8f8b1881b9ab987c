import { QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { Redirect, Route, Switch } from 'wouter'
import { AdminPage } from '../admin/index.ts'
import { AlertsPage } from '../alerts/index.ts'
import { AccountPage, AuthGate } from '../auth/index.ts'
import { AllHostsContainersPage } from '../containers/index.ts'
import { useHosts } from '../hosts/index.ts'
import { ConfirmProvider, EmptyState, ErrorState, Spinner, ToastProvider } from '../ui/index.ts'
import { HostArea } from './host-area.tsx'
import { Layout } from './layout.tsx'
import { createQueryClient } from './query-client.ts'

export function App() {
  const [queryClient] = useState(createQueryClient)
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <ConfirmProvider>
          <AuthGate>
            <Routes />
          </AuthGate>
        </ConfirmProvider>
      </ToastProvider>
    </QueryClientProvider>
  )
}

function Routes() {
  return (
    <Switch>
      <Route path="/hosts/:hostId/*?" component={HostArea} />
      <Route path="/all-hosts/containers">
        <Layout hostId={undefined}>
          <AllHostsContainersPage />
        </Layout>
      </Route>
      <Route path="/account">
        <Layout hostId={undefined}>
          <AccountPage />
        </Layout>
      </Route>
      <Route path="/alerts">
        <Layout hostId={undefined}>
          <AlertsPage />
        </Layout>
      </Route>
      <Route path="/admin/:section?">
        <Layout hostId={undefined}>
          <AdminPage />
        </Layout>
      </Route>
      <Route component={Home} />
    </Switch>
  )
}

/** `/` opens the first reachable host's containers. */
function Home() {
  const hosts = useHosts()
  if (hosts.isPending) return <Spinner label="Loading hosts…" />
  if (hosts.isError)
    return (
      <Layout hostId={undefined}>
        <ErrorState error={hosts.error} onRetry={() => void hosts.refetch()} />
      </Layout>
    )
  const first = hosts.data.find((h) => h.reachable) ?? hosts.data[0]
  if (!first)
    return (
      <Layout hostId={undefined}>
        <EmptyState title="No hosts">
          <p>You may not see any host yet. Ask an administrator to add one or grant you access.</p>
        </EmptyState>
      </Layout>
    )
  return <Redirect to={`/hosts/${encodeURIComponent(first.id)}/containers`} replace />
}
