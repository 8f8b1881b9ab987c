import { randomInt } from 'node:crypto'
import { runCommand } from './exec.ts'

/** A veth pair joining the host to an engine's namespace over a /30 made for the test. */
export interface VethLink {
  hostInterface: string
  /** The host end's address. */
  hostAddress: string
  /** The namespace end's address: where the engine listens. */
  engineAddress: string
}

const PREFIX = '10.231.250.'
const BLOCKS = 64 // /30 blocks in the /24
const ATTEMPTS = 20

/** Host interfaces by /30 block they hold an address in, from `ip -o -4 addr`. */
async function blockOwners(): Promise<Map<number, string[]>> {
  const { stdout } = await runCommand('ip', ['-o', '-4', 'addr', 'show'])
  const owners = new Map<number, string[]>()
  for (const line of stdout.split('\n')) {
    const match = /^\d+:\s+([^\s@]+)\S*\s+inet\s+10\.231\.250\.(\d+)\//.exec(line)
    if (match?.[1] === undefined || match[2] === undefined) continue
    const block = Math.floor(Number(match[2]) / 4)
    owners.set(block, [...(owners.get(block) ?? []), match[1]])
  }
  return owners
}

/**
 * Claims a free /30 for `hostInterface`. Other engines (in other test workers) may be doing the
 * same at the same moment, and Linux lets two interfaces hold one address, so the claim is
 * checked after it is made: whoever finds someone else in its block backs off and tries again.
 */
async function claimBlock(hostInterface: string): Promise<number> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const used = await blockOwners()
    const free = [...Array(BLOCKS).keys()].filter((block) => !used.has(block))
    const block = free[randomInt(free.length || 1)]
    if (block === undefined) throw new Error(`no free /30 left in ${PREFIX}0/24`)
    const cidr = `${PREFIX}${block * 4 + 1}/30`
    await runCommand('ip', ['addr', 'add', cidr, 'dev', hostInterface])
    const owners = (await blockOwners()).get(block) ?? []
    if (owners.every((owner) => owner === hostInterface)) return block
    await runCommand('ip', ['addr', 'del', cidr, 'dev', hostInterface])
    await new Promise((resolve) => setTimeout(resolve, randomInt(10, 100)))
  }
  throw new Error(`could not claim a /30 in ${PREFIX}0/24 after ${ATTEMPTS} attempts`)
}

/**
 * Creates `hostInterface` and its peer `namespaceInterface` inside `netns`, and addresses both.
 * Deleting the namespace deletes the pair.
 */
export async function addVeth(
  netns: string,
  hostInterface: string,
  namespaceInterface: string,
): Promise<VethLink> {
  await runCommand('ip', [
    'link',
    'add',
    hostInterface,
    'type',
    'veth',
    'peer',
    'name',
    namespaceInterface,
    'netns',
    netns,
  ])
  const block = await claimBlock(hostInterface)
  const hostAddress = `${PREFIX}${block * 4 + 1}`
  const engineAddress = `${PREFIX}${block * 4 + 2}`
  await runCommand('ip', ['link', 'set', hostInterface, 'up'])
  await runCommand('ip', [
    '-n',
    netns,
    'addr',
    'add',
    `${engineAddress}/30`,
    'dev',
    namespaceInterface,
  ])
  await runCommand('ip', ['-n', netns, 'link', 'set', namespaceInterface, 'up'])
  return { hostInterface, hostAddress, engineAddress }
}
