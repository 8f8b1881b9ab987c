import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { HostStatusList } from '../hosts/host-status-list.tsx'

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1 } } })

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <header>
        <h1>Harbormaster</h1>
      </header>
      <main>
        <h2>Hosts</h2>
        <HostStatusList />
      </main>
    </QueryClientProvider>
  )
}
