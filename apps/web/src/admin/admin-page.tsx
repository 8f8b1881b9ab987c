import { useParams } from 'wouter'
import { RulesPanel } from '../alerts/index.ts'
import { ChannelsPanel } from '../alerts/channels/index.ts'
import { useMe } from '../auth/index.ts'
import { TerminalSessionsPanel } from '../history/sessions/index.ts'
import { RegistryCredentialsPanel } from '../updates/index.ts'
import { EmptyState, layout, Tabs } from '../ui/index.ts'
import { AuditPanel } from './audit-panel.tsx'
import { HostsPanel } from './hosts-panel.tsx'
import { SignInSettingsPanel } from './sign-in-settings-panel.tsx'
import { UsersPanel } from './users-panel.tsx'

/** Server-wide administration: users, hosts, alert rules and channels, registry credentials, the audit log (admins only; the server enforces it). */
export function AdminPage() {
  const { section = 'users' } = useParams<{ section?: string }>()
  const me = useMe()
  if (me.data?.role !== 'admin') return <EmptyState title="Administrators only" />
  return (
    <section className={layout.page}>
      <h1>Administration</h1>
      <Tabs
        label="Administration"
        current={section}
        items={[
          { id: 'users', label: 'Users', href: '/admin/users' },
          { id: 'hosts', label: 'Hosts', href: '/admin/hosts' },
          { id: 'sign-in', label: 'Sign-in', href: '/admin/sign-in' },
          { id: 'alert-rules', label: 'Alert rules', href: '/admin/alert-rules' },
          { id: 'channels', label: 'Alert channels', href: '/admin/channels' },
          { id: 'registries', label: 'Registries', href: '/admin/registries' },
          { id: 'audit', label: 'Audit log', href: '/admin/audit' },
          { id: 'terminal-sessions', label: 'Terminal sessions', href: '/admin/terminal-sessions' },
        ]}
      />
      <div className={layout.tabPanel}>
        {section === 'alert-rules' ? (
          <RulesPanel />
        ) : section === 'audit' ? (
          <AuditPanel />
        ) : section === 'terminal-sessions' ? (
          <TerminalSessionsPanel />
        ) : section === 'channels' ? (
          <ChannelsPanel />
        ) : section === 'registries' ? (
          <RegistryCredentialsPanel />
        ) : section === 'hosts' ? (
          <HostsPanel />
        ) : section === 'sign-in' ? (
          <SignInSettingsPanel />
        ) : (
          <UsersPanel />
        )}
      </div>
    </section>
  )
}
