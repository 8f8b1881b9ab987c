import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ComponentType } from 'react'
import { Route, Router } from 'wouter'
import { memoryLocation } from 'wouter/memory-location'
import { createQueryClient } from '../src/app/query-client.ts'
import { ConfirmProvider, ToastProvider } from '../src/ui/index.ts'

export interface PageOptions {
  /** Where the page is opened, e.g. `/hosts/h1/containers`. */
  path: string
  /** The route pattern the app mounts the page under, so the page reads its params. */
  route: string
  component: ComponentType
  /** Puts in the cache what the page should find there, in place of the server's answers. */
  seed?: (client: QueryClient) => void
  /** The query string the page is opened with, without the `?`. */
  search?: string
}

/**
 * Renders one page as the app mounts it: the app's own query client, the toasts and confirm
 * dialogs every page may use, and a router at `path` that records where the page navigates
 * (read `location.history`).
 */
export function renderPage({ path, route, component, seed, search }: PageOptions) {
  const client = createQueryClient()
  seed?.(client)
  const location = memoryLocation({
    path,
    record: true,
    ...(search === undefined ? {} : { searchPath: search }),
  })
  render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <ConfirmProvider>
          <Router hook={location.hook} searchHook={location.searchHook}>
            <Route path={route} component={component} />
          </Router>
        </ConfirmProvider>
      </ToastProvider>
    </QueryClientProvider>,
  )
  return { client, location }
}
