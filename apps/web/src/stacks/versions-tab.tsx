import type { StackVersion } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { useSetUrlParams, useUrlParam } from '../app/url-state.ts'
import { Button, EmptyState, ErrorState, layout, Spinner, texts, TimeAgo } from '../ui/index.ts'
import { DiffView } from './diff-view.tsx'
import { stackVersionOptions, stackVersionsOptions } from './queries.ts'

/**
 * Every saved version with who saved it, when and why; any two side by side (the previous and
 * the latest by default, or those in the URL), and a way to deploy an older one (a rollback).
 */
export function VersionsTab({
  hostId,
  name,
  mayChange,
  onDeploy,
}: {
  hostId: string
  name: string
  mayChange: boolean
  onDeploy: (version: number) => void
}) {
  const versions = useQuery(stackVersionsOptions(hostId, name))
  const [aParam, setA] = useUrlParam('a')
  const [bParam, setB] = useUrlParam('b')
  const [file, setFile] = useUrlParam('file')
  const setParams = useSetUrlParams()
  if (versions.isPending) return <Spinner label="Loading versions…" />
  if (versions.isError)
    return <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />
  const list = [...versions.data].sort((x, y) => y.version - x.version)
  const latest = list[0]?.version
  if (latest === undefined) return <EmptyState title="No saved version" />
  const b = Number(bParam) || latest
  const a = Number(aParam) || (list.find((v) => v.version < b)?.version ?? b)
  return (
    <div className={layout.page}>
      <VersionTable
        list={list}
        mayChange={mayChange}
        onDeploy={onDeploy}
        onCompare={(version) => {
          setParams({ a: String(version), b: String(latest) })
        }}
      />
      <div className={layout.filters}>
        <span>Compare</span>
        <VersionPicker label="Older version" list={list} value={a} onChange={setA} />
        <span>with</span>
        <VersionPicker label="Newer version" list={list} value={b} onChange={setB} />
        <select
          aria-label="File"
          value={file === 'env' ? 'env' : 'compose'}
          onChange={(e) => {
            setFile(e.target.value === 'env' ? 'env' : '')
          }}
        >
          <option value="compose">compose.yaml</option>
          <option value="env">.env</option>
        </select>
      </div>
      <VersionDiff
        hostId={hostId}
        name={name}
        a={a}
        b={b}
        file={file === 'env' ? 'env' : 'compose'}
      />
    </div>
  )
}

function VersionTable({
  list,
  mayChange,
  onDeploy,
  onCompare,
}: {
  list: StackVersion[]
  mayChange: boolean
  onDeploy: (version: number) => void
  onCompare: (version: number) => void
}) {
  return (
    <table className={layout.simpleTable} aria-label="Versions">
      <thead>
        <tr>
          <th>Version</th>
          <th>Saved</th>
          <th>By</th>
          <th>Comment</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {list.map((v, i) => (
          <tr key={v.version}>
            <td>v{v.version}</td>
            <td>
              <TimeAgo value={v.savedAt} />
            </td>
            <td>{v.savedBy}</td>
            <td>{v.comment ?? <span className={texts.muted}>—</span>}</td>
            <td>
              <span className={layout.actions}>
                {i > 0 && (
                  <Button
                    onClick={() => {
                      onCompare(v.version)
                    }}
                  >
                    Compare with latest
                  </Button>
                )}
                {mayChange && (
                  <Button
                    onClick={() => {
                      onDeploy(v.version)
                    }}
                  >
                    Deploy this version
                  </Button>
                )}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function VersionPicker({
  label,
  list,
  value,
  onChange,
}: {
  label: string
  list: StackVersion[]
  value: number
  onChange: (v: string) => void
}) {
  return (
    <select
      aria-label={label}
      value={String(value)}
      onChange={(e) => {
        onChange(e.target.value)
      }}
    >
      {list.map((v) => (
        <option key={v.version} value={String(v.version)}>
          v{v.version}
        </option>
      ))}
    </select>
  )
}

function VersionDiff({
  hostId,
  name,
  a,
  b,
  file,
}: {
  hostId: string
  name: string
  a: number
  b: number
  file: 'compose' | 'env'
}) {
  const older = useQuery(stackVersionOptions(hostId, name, a))
  const newer = useQuery(stackVersionOptions(hostId, name, b))
  if (older.isPending || newer.isPending) return <Spinner label="Loading the versions…" />
  if (older.isError || newer.isError)
    return <ErrorState error={older.error ?? newer.error} onRetry={() => void older.refetch()} />
  return (
    <DiffView
      label={`Version ${a} and version ${b}`}
      before={older.data[file]}
      after={newer.data[file]}
      language={file === 'compose' ? 'yaml' : 'env'}
    />
  )
}
