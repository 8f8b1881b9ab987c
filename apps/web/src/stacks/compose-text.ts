import type { DockerRunConversion } from './docker-run.ts'

/** What a new stack starts from: one service to edit, with the keys people reach for first. */
export const STARTER_COMPOSE = `services:
  web:
    image: nginx:1.27-alpine
    restart: unless-stopped
    ports:
      - "8080:80"
    environment:
      - GREETING=\${GREETING:-hello}
`

export const STARTER_ENV = `# KEY=value lines, interpolated into the compose file as \${KEY}
GREETING=hello
`

/**
 * A value as a YAML double-quoted scalar (JSON's string syntax is a subset of it), with `$`
 * doubled: compose interpolates `$VAR` in values, and what `docker run` was given is literal.
 */
function scalar(value: string | boolean): string {
  if (typeof value === 'boolean') return String(value)
  return JSON.stringify(value.replaceAll('$', '$$$$'))
}

/** The compose file of a converted `docker run`: the service, its volumes and networks. */
export function conversionToCompose(c: DockerRunConversion): string {
  const lines = ['services:', `  ${c.serviceName}:`]
  for (const [key, value] of Object.entries(c.service) as [string, unknown][]) {
    if (Array.isArray(value)) {
      lines.push(`    ${key}:`, ...value.map((item: string) => `      - ${scalar(item)}`))
    } else if (typeof value === 'string' || typeof value === 'boolean') {
      lines.push(`    ${key}: ${scalar(value)}`)
    }
  }
  if (c.volumes.length > 0) {
    lines.push('volumes:')
    for (const v of c.volumes) lines.push(`  ${v}:`, `    name: ${scalar(v)}`)
  }
  if (c.networks.length > 0) {
    lines.push('networks:')
    for (const n of c.networks) lines.push(`  ${n}:`, '    external: true')
  }
  return `${lines.join('\n')}\n`
}
