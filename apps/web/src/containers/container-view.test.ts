import type { ContainerSummary } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import {
  buildContainerItems,
  filterChoices,
  matchesLabel,
  nextSort,
  portUrl,
  type ContainerViewState,
} from './container-view.ts'

const base: ContainerSummary = {
  id: 'a'.repeat(64),
  name: '/web',
  image: 'nginx:1',
  imageId: 'sha256:1',
  command: 'nginx',
  created: 100,
  state: 'running',
  status: 'Up 5 minutes',
  ports: [],
  labels: {},
  networks: ['bridge'],
  mounts: [],
}
const make = (over: Partial<ContainerSummary>): ContainerSummary => ({ ...base, ...over })
const view: ContainerViewState = {
  search: '',
  state: '',
  image: '',
  label: '',
  network: '',
  sort: '',
  groupByProject: false,
}
const names = (items: ReturnType<typeof buildContainerItems>) =>
  items.map((i) => (i.type === 'row' ? i.row.name : `#${i.project}`))

const list = [
  make({ id: '1', name: '/db', image: 'postgres:16', created: 300, composeProject: 'shop' }),
  make({
    id: '2',
    name: '/web',
    state: 'exited',
    status: 'Exited (0) 1 hour ago',
    composeProject: 'shop',
  }),
  make({
    id: '3',
    name: '/cache',
    image: 'redis',
    labels: { tier: 'back' },
    networks: ['backend'],
  }),
]

describe('buildContainerItems', () => {
  it('keys rows by what the caller says, so one id on two hosts makes two rows', () => {
    const onTwo = [
      { ...make({ id: 'same', name: '/web' }), hostId: 'b' },
      { ...make({ id: 'same', name: '/web' }), hostId: 'a' },
    ]

    const items = buildContainerItems(onTwo, view, (c) => `${c.hostId}/${c.id}`)

    expect(items.map((item) => item.key)).toEqual(['a/same', 'b/same'])
  })

  it('sorts by name by default and by another column when asked', () => {
    expect(names(buildContainerItems(list, view))).toEqual(['/cache', '/db', '/web'])
    expect(names(buildContainerItems(list, { ...view, sort: '-created' }))).toEqual([
      '/db',
      '/cache',
      '/web',
    ])
  })

  it('searches names, images and status text, case-insensitively', () => {
    expect(names(buildContainerItems(list, { ...view, search: 'POSTGRES' }))).toEqual(['/db'])
    expect(names(buildContainerItems(list, { ...view, search: 'exited' }))).toEqual(['/web'])
  })

  it('filters by state, image, label and network', () => {
    expect(names(buildContainerItems(list, { ...view, state: 'exited' }))).toEqual(['/web'])
    expect(names(buildContainerItems(list, { ...view, image: 'redis' }))).toEqual(['/cache'])
    expect(names(buildContainerItems(list, { ...view, label: 'tier=back' }))).toEqual(['/cache'])
    expect(names(buildContainerItems(list, { ...view, network: 'backend' }))).toEqual(['/cache'])
  })

  it('groups by compose project with the containers of no project last', () => {
    const items = buildContainerItems(list, { ...view, groupByProject: true })
    expect(names(items)).toEqual(['#shop', '/db', '/web', '#', '/cache'])
    expect(items[0]).toMatchObject({ type: 'group', count: 2, running: 1 })
  })
})

describe('helpers', () => {
  it('matches a label by key or by key=value', () => {
    expect(matchesLabel({ a: '1' }, 'a')).toBe(true)
    expect(matchesLabel({ a: '1' }, 'a=2')).toBe(false)
    expect(matchesLabel({ a: 'x=y' }, 'a=x=y')).toBe(true)
  })

  it('flips the sort on the same column and starts ascending on another', () => {
    expect(nextSort('', 'name')).toBe('-name')
    expect(nextSort('-name', 'name')).toBe('name')
    expect(nextSort('', 'created')).toBe('created')
  })

  it('offers distinct, sorted filter choices', () => {
    expect(filterChoices(list)).toEqual({
      images: ['nginx:1', 'postgres:16', 'redis'],
      networks: ['backend', 'bridge'],
      labels: ['tier'],
    })
  })

  it('links a published port to the right host', () => {
    expect(
      portUrl('unix:///var/run/docker.sock', 'dash.lan', { publicPort: 8080, ip: '0.0.0.0' }),
    ).toBe('http://dash.lan:8080')
    expect(portUrl('tcp://10.0.0.5:2376', 'dash.lan', { publicPort: 80 })).toBe(
      'http://10.0.0.5:80',
    )
    expect(portUrl('unix:///x', 'dash.lan', { publicPort: 80, ip: '192.168.1.9' })).toBe(
      'http://192.168.1.9:80',
    )
    expect(portUrl('unix:///x', 'dash.lan', {})).toBeUndefined()
  })
})
