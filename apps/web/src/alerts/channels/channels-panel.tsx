import type { AlertChannel, AlertChannelTestResult } from '@harbormaster/contract'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Fragment, useState } from 'react'
import { api, errorMessage, unwrap } from '../../platform/api-client.ts'
import {
  Badge,
  Button,
  ErrorState,
  layout,
  Spinner,
  texts,
  useConfirm,
  useToast,
} from '../../ui/index.ts'
import { ChannelDialog } from './channel-dialog.tsx'
import { CHANNEL_TYPES } from './channel-form.ts'
import { channelKeys, channelsQuery } from './channel-keys.ts'
import { DeliveryLog } from './delivery-log.tsx'

/** Alert channels (admins only): list, add, edit, send a test, the delivery log, delete. */
export function ChannelsPanel() {
  const channels = useQuery(channelsQuery())
  const [editing, setEditing] = useState<AlertChannel | 'new' | undefined>()
  if (channels.isPending) return <Spinner />
  if (channels.isError) {
    return <ErrorState error={channels.error} onRetry={() => void channels.refetch()} />
  }
  return (
    <div>
      <div className={layout.toolbar}>
        <Button
          variant="primary"
          onClick={() => {
            setEditing('new')
          }}
        >
          Add channel
        </Button>
      </div>
      {channels.data.channels.length === 0 ? (
        <p className={texts.muted}>
          No channels yet: add a webhook, ntfy, Slack, Discord or e-mail channel for alerts.
        </p>
      ) : (
        <div className={texts.scrollX}>
          <table className={layout.simpleTable}>
            <thead>
              <tr>
                <th>Channel</th>
                <th>Type</th>
                <th>Sends to</th>
                <th>Quiet hours</th>
                <th>
                  <span className={texts.srOnly}>Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {channels.data.channels.map((c) => (
                <ChannelRow
                  key={c.id}
                  channel={c}
                  onEdit={() => {
                    setEditing(c)
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing !== undefined && (
        <ChannelDialog
          channel={editing === 'new' ? undefined : editing}
          onClose={() => {
            setEditing(undefined)
          }}
        />
      )}
    </div>
  )
}

function ChannelRow({ channel: c, onEdit }: { channel: AlertChannel; onEdit: () => void }) {
  const [showLog, setShowLog] = useState(false)
  const test = useSendTest(c)
  const remove = useRemove(c)
  return (
    <Fragment>
      <tr>
        <td>
          {c.name} {!c.enabled && <Badge tone="muted">disabled</Badge>}
        </td>
        <td>{CHANNEL_TYPES.find((t) => t.type === c.config.type)?.label}</td>
        <td className={texts.mono}>{destination(c)}</td>
        <td>
          {c.quietHours
            ? `${c.quietHours.start}–${c.quietHours.end} ${c.quietHours.timeZone} (${c.quietHours.mode})`
            : '—'}
        </td>
        <td>
          <div className={layout.actions}>
            <Button
              variant="ghost"
              busy={test.isPending}
              onClick={() => {
                test.mutate()
              }}
            >
              Send a test
            </Button>
            <Button
              variant="ghost"
              aria-expanded={showLog}
              onClick={() => {
                setShowLog((shown) => !shown)
              }}
            >
              Delivery log
            </Button>
            <Button variant="ghost" onClick={onEdit}>
              Edit
            </Button>
            <Button variant="danger" onClick={() => void remove()}>
              Delete
            </Button>
          </div>
          {test.data && <TestAnswer result={test.data} />}
          {test.isError && <small role="alert">{errorMessage(test.error)}</small>}
        </td>
      </tr>
      {showLog && (
        <tr>
          <td colSpan={5}>
            <DeliveryLog channelId={c.id} />
          </td>
        </tr>
      )}
    </Fragment>
  )
}

function TestAnswer({ result }: { result: AlertChannelTestResult }) {
  return (
    <p role="status">
      <Badge tone={result.ok ? 'ok' : 'bad'}>{result.ok ? 'delivered' : 'failed'}</Badge>{' '}
      <span className={texts.mono}>{result.answer}</span>{' '}
      <span className={texts.muted}>({result.durationMs} ms)</span>
    </p>
  )
}

/** Where a channel sends, as far as the server tells: a URL's origin, a mail server and rcpts. */
function destination(c: AlertChannel): string {
  const config = c.config
  if (config.type === 'email') return `${config.host}:${config.port} → ${config.to.join(', ')}`
  return config.target
}

function useSendTest(c: AlertChannel) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => unwrap(api.alerts.channels[':id'].test.$post({ param: { id: c.id } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: channelKeys.deliveries(c.id) }),
  })
}

function useRemove(c: AlertChannel) {
  const queryClient = useQueryClient()
  const confirm = useConfirm()
  const toast = useToast()
  return async () => {
    const sure = await confirm({
      title: `Delete channel ${c.name}?`,
      body: 'Its queued deliveries and its delivery log go with it. Rules that name it send nothing there.',
      confirmLabel: 'Delete',
      danger: true,
    })
    if (!sure) return
    try {
      await unwrap(api.alerts.channels[':id'].$delete({ param: { id: c.id } }))
      toast({ tone: 'ok', title: `Channel ${c.name} deleted` })
    } catch (err) {
      toast({ tone: 'bad', title: 'Delete failed', body: errorMessage(err) })
    }
    await queryClient.invalidateQueries({ queryKey: channelKeys.all })
  }
}
