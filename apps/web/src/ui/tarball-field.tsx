import forms from './form.module.css'
/** A file picker for the archives the engine takes (build contexts, root filesystems). */
export function TarballField({
  label,
  onPick,
}: {
  label: string
  onPick: (file: File | undefined) => void
}) {
  return (
    <label className={forms.field}>
      <span>{label} (tar, tar.gz, tar.xz)</span>
      <input
        type="file"
        accept=".tar,.tgz,.gz,.xz,.bz2,application/x-tar,application/gzip"
        onChange={(e) => {
          onPick(e.target.files?.[0])
        }}
      />
    </label>
  )
}
