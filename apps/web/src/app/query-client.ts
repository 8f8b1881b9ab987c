import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query'
import { ApiRequestError } from '../platform/api-client.ts'

/** The query key of the signed-in user; a 401 anywhere makes it re-checked. */
export const meKey = ['auth', 'me'] as const

export function createQueryClient(): QueryClient {
  const onError = (err: unknown) => {
    if (err instanceof ApiRequestError && err.status === 401) {
      void queryClient.invalidateQueries({ queryKey: meKey })
    }
  }
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        // Views refresh from events, not timers; a failed read is retried once unless refused
        // (a 4xx: asking again gets the same answer). An unreachable server (status 0) is not
        // a refusal.
        retry: (count, err) => count < 1 && !(err instanceof ApiRequestError && isRefusal(err)),
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
    },
  })
  return queryClient
}

function isRefusal(err: ApiRequestError): boolean {
  return err.status >= 400 && err.status < 500
}
