import type { Host, HistorySettings, RecordingMode } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { type ReactNode, type SubmitEvent, useState } from 'react'
import { useSearch } from 'wouter'
import {
  Dialog,
  ErrorState,
  FormActions,
  forms,
  layout,
  Spinner,
  texts,
  useToast,
} from '../../ui/index.ts'
import {
  historyEstimateOptions,
  historySettingsOptions,
  useSaveHistorySettings,
} from './queries.ts'

const RECORDING: readonly { value: RecordingMode; label: string }[] = [
  { value: 'off', label: 'Off' },
  { value: 'output', label: 'Output' },
  { value: 'output-and-input', label: 'Output and input' },
]

/**
 * The host whose history settings are open, and the dialog; `?history=<host id>` in the page's
 * address opens it (the link a chart shows when history is off).
 */
export function useHistoryDialog(hosts: readonly Host[]): {
  open: (hostId: string) => void
  dialog: ReactNode
} {
  const search = useSearch()
  const [hostId, setHostId] = useState(() => new URLSearchParams(search).get('history'))
  const host = hosts.find((h) => h.id === hostId)
  return {
    open: setHostId,
    dialog: host && (
      <HistorySettingsDialog
        host={host}
        onClose={() => {
          setHostId(null)
        }}
      />
    ),
  }
}

/** A host's history settings for admins: metric history (with its cost) and terminal recording. */
export function HistorySettingsDialog({ host, onClose }: { host: Host; onClose: () => void }) {
  const settings = useQuery(historySettingsOptions(host.id))
  return (
    <Dialog open title={`History of ${host.name}`} onClose={onClose}>
      {settings.isPending && <Spinner />}
      {settings.isError && (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      )}
      {settings.isSuccess && <SettingsForm host={host} saved={settings.data} onClose={onClose} />}
    </Dialog>
  )
}

function SettingsForm({
  host,
  saved,
  onClose,
}: {
  host: Host
  saved: HistorySettings
  onClose: () => void
}) {
  const toast = useToast()
  const [metrics, setMetrics] = useState(saved.metrics)
  const [recording, setRecording] = useState(saved.recording)
  const save = useSaveHistorySettings(host.id)
  const handleSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    save.mutate(
      { metrics, recording },
      {
        onSuccess: () => {
          toast({ tone: 'ok', title: `History settings of ${host.name} saved` })
          onClose()
        },
      },
    )
  }
  return (
    <form className={forms.form} onSubmit={handleSubmit} noValidate>
      <fieldset className={forms.plainFieldset}>
        <legend>Metric history</legend>
        <label className={layout.check}>
          <input
            type="checkbox"
            checked={metrics}
            onChange={(e) => {
              setMetrics(e.target.checked)
            }}
          />
          Keep CPU, memory, network and block I/O of every container and of the host
        </label>
        <p className={texts.muted}>
          Every 10 seconds, kept 24 hours; per minute for 7 days; per 10 minutes for 90 days.
        </p>
        {!saved.metrics && <Estimate hostId={host.id} />}
      </fieldset>
      <label className={forms.field}>
        <span>Terminal recording</span>
        <select
          value={recording}
          onChange={(e) => {
            setRecording(e.target.value as RecordingMode)
          }}
        >
          {RECORDING.map((mode) => (
            <option key={mode.value} value={mode.value}>
              {mode.label}
            </option>
          ))}
        </select>
      </label>
      {recording !== 'off' && (
        <p className={texts.muted}>
          Users see a banner in the terminal saying it is recorded.
          {recording === 'output-and-input' &&
            ' Input includes whatever is typed in the terminal, passwords too.'}
        </p>
      )}
      <FormActions error={save.error} submit="Save" busy={save.isPending} onCancel={onClose} />
    </form>
  )
}

/** What turning metric history on would cost, from the benchmark's per-container figures. */
function Estimate({ hostId }: { hostId: string }) {
  const estimate = useQuery(historyEstimateOptions(hostId))
  if (estimate.isPending) return <Spinner label="Estimating its cost…" />
  if (estimate.isError) return <ErrorState error={estimate.error} />
  const e = estimate.data
  return (
    <p role="note">
      Estimated cost: about {e.enginePercentOfCore} % of a core of the engine for the{' '}
      {e.runningContainers} containers running now, about {e.databaseMbPerDay} MB of database a day,
      levelling off at about {e.databaseMbAtMost} MB once 90 days are kept.
    </p>
  )
}
