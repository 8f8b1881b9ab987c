import type { ServiceTasksSnapshot, SwarmNode } from '@harbormaster/contract'
import { useState } from 'react'
import type { LiveStatus } from '../../platform/socket.ts'
import { Badge, forms, layout, ShortId, Spinner, texts, TimeAgo } from '../../ui/index.ts'
import { groupTasksByNode, shownTasks, TASK_TONES } from './service-view.ts'

/** The service's tasks by node, live: state, desired state, slot, error and when it changed. */
export function ServiceTasksPanel({
  serviceName,
  snapshot,
  status,
  error,
  nodes,
}: {
  serviceName: string
  snapshot: ServiceTasksSnapshot | undefined
  status: LiveStatus
  error: string | undefined
  nodes: readonly SwarmNode[]
}) {
  const [history, setHistory] = useState(false)
  return (
    <div>
      <div className={layout.liveStatus}>
        <Badge tone={status === 'open' ? 'ok' : status === 'closed' ? 'bad' : 'muted'}>
          {status === 'open' ? 'live' : status}
        </Badge>
        <label className={layout.check}>
          <input
            type="checkbox"
            checked={history}
            onChange={(e) => {
              setHistory(e.target.checked)
            }}
          />
          Show earlier tasks
        </label>
        {error !== undefined && (
          <span className={forms.fieldError} role="alert">
            {error}
          </span>
        )}
      </div>
      {snapshot === undefined ? (
        <Spinner label="Reading the service’s tasks…" />
      ) : (
        <TaskGroups serviceName={serviceName} snapshot={snapshot} nodes={nodes} history={history} />
      )}
    </div>
  )
}

function TaskGroups({
  serviceName,
  snapshot,
  nodes,
  history,
}: {
  serviceName: string
  snapshot: ServiceTasksSnapshot
  nodes: readonly SwarmNode[]
  history: boolean
}) {
  const groups = groupTasksByNode(shownTasks(snapshot.tasks, snapshot.updateStatus, history), nodes)
  if (groups.length === 0) return <p className={texts.muted}>No tasks</p>
  return (
    <>
      {groups.map((group) => (
        <section key={group.nodeId ?? ''} aria-label={`Tasks on ${group.hostname}`}>
          <h3>{group.hostname}</h3>
          <table className={layout.simpleTable}>
            <thead>
              <tr>
                <th>Task</th>
                <th>State</th>
                <th>Desired</th>
                <th className={texts.hidePhone}>Error / message</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {group.tasks.map((t) => (
                <tr
                  key={t.id}
                  data-task-id={t.id}
                  data-task-state={t.state}
                  data-desired-state={t.desiredState}
                >
                  <td>
                    <span className={layout.nameCell}>
                      <strong>
                        {serviceName}
                        {t.slot === undefined ? '' : `.${t.slot}`}
                      </strong>
                      <ShortId id={t.id} />
                    </span>
                  </td>
                  <td>
                    <Badge tone={TASK_TONES[t.state] ?? 'warn'}>{t.state}</Badge>
                  </td>
                  <td>{t.desiredState}</td>
                  <td className={texts.hidePhone}>
                    <span className={t.error ? texts.bad : texts.muted}>
                      {t.error ?? t.message}
                    </span>
                  </td>
                  <td>
                    <TimeAgo value={t.timestamp} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  )
}
