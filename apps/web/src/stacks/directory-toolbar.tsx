import { clsx } from 'clsx'
import { useState } from 'react'
import { Button, buttonClass, layout, texts } from '../ui/index.ts'
import { type Chosen, chosenFrom } from './directory-calls.ts'
import styles from './directory-panel.module.css'

export const NOT_YOURS = 'Only operators and admins may change these files'

/**
 * Upload files or a whole folder (the browser gives each file its path inside it) into the
 * folder chosen, and make a folder. Disabled, with the reason, for a role that may not write.
 */
export function DirectoryToolbar({
  folders,
  mayWrite,
  busy,
  onUpload,
  onFolder,
}: {
  folders: readonly string[]
  mayWrite: boolean
  busy: boolean
  onUpload: (folder: string, chosen: Chosen[]) => void
  onFolder: (path: string) => Promise<boolean>
}) {
  const [target, setTarget] = useState('')
  const disabled = !mayWrite || busy
  const picker = {
    disabled,
    reason: mayWrite ? undefined : NOT_YOURS,
    onPick: (files: FileList) => {
      onUpload(target, chosenFrom(files))
    },
  }
  return (
    <div className={layout.toolbar}>
      <label className={styles.into}>
        Upload into{' '}
        <select
          value={target}
          disabled={disabled}
          onChange={(e) => {
            setTarget(e.target.value)
          }}
        >
          <option value="">the stack’s folder</option>
          {folders.map((folder) => (
            <option key={folder} value={folder}>
              {folder}
            </option>
          ))}
        </select>
      </label>
      <FilePicker label={busy ? 'Uploading…' : 'Upload files'} {...picker} multiple />
      <FilePicker label="Upload a folder" {...picker} folder />
      <NewFolderForm
        disabled={disabled}
        onFolder={(path) => onFolder(target === '' ? path : `${target}/${path}`)}
      />
      {!mayWrite && <span className={texts.muted}>{NOT_YOURS}.</span>}
    </div>
  )
}

/** A button that opens the browser's file chooser: several files, or one folder with its tree. */
function FilePicker({
  label,
  disabled,
  reason,
  onPick,
  multiple = false,
  folder = false,
}: {
  label: string
  disabled: boolean
  reason: string | undefined
  onPick: (files: FileList) => void
  multiple?: boolean
  folder?: boolean
}) {
  return (
    <label className={clsx(buttonClass(), disabled && styles.disabled)} title={reason}>
      {label}
      <input
        type="file"
        multiple={multiple}
        // Chromium, Firefox and Safari take it: each file then has its webkitRelativePath.
        {...(folder ? { webkitdirectory: '' } : {})}
        className={texts.srOnly}
        disabled={disabled}
        onChange={(e) => {
          if (e.target.files) onPick(e.target.files)
          e.target.value = ''
        }}
      />
    </label>
  )
}

/** A folder's name (or path) and a button to make it in the folder chosen for uploads. */
function NewFolderForm({
  disabled,
  onFolder,
}: {
  disabled: boolean
  onFolder: (path: string) => Promise<boolean>
}) {
  const [name, setName] = useState('')
  return (
    <form
      className={styles.newFolder}
      onSubmit={(e) => {
        e.preventDefault()
        const path = name.trim()
        if (path === '') return
        void onFolder(path).then((made) => {
          if (made) setName('')
        })
      }}
    >
      <input
        aria-label="New folder name"
        placeholder="new-folder"
        value={name}
        disabled={disabled}
        onChange={(e) => {
          setName(e.target.value)
        }}
      />
      <Button type="submit" disabled={disabled || name.trim() === ''}>
        New folder
      </Button>
    </form>
  )
}
