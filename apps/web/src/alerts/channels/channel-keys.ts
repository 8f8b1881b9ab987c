import { queryOptions } from '@tanstack/react-query'
import { api, unwrap } from '../../platform/api-client.ts'

/** Query keys of the channels page, shared by the list, the dialogs and the delivery log. */
export const channelKeys = {
  all: ['alerts', 'channels'] as const,
  deliveries: (id: string) => ['alerts', 'channels', id, 'deliveries'] as const,
}

/** Every alert channel (admins only): the Channels tab, and the rules' channel picker. */
export const channelsQuery = () =>
  queryOptions({
    queryKey: channelKeys.all,
    queryFn: () => unwrap(api.alerts.channels.$get()),
  })
