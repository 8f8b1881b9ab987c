import { apiAtLeast } from '../api-version.ts'
import { type WireObject, asObject } from './wire-read.ts'

/**
 * The engine here (20.10) sends its newest fields at every version prefix, while the engines
 * that really speak an old version do not (docs/engine.md#what-each-version-lacks). Each
 * function below drops what the reference says a version lacks, so the mappers derive it the
 * way they must for a real old engine, and tests pinned to an old version exercise that path.
 */

/** A `GET /containers/json` item as the version sends it. */
export function containerListItemAsOf(wire: unknown, apiVersion: string): WireObject {
  const item = { ...asObject(wire) }
  if (!apiAtLeast(apiVersion, '1.23')) delete item.State
  if (!apiAtLeast(apiVersion, '1.20')) delete item.Mounts
  if (!apiAtLeast(apiVersion, '1.21')) delete item.NetworkSettings
  return item
}

/** A `GET /containers/{id}/json` document as the version sends it. */
export function containerInspectAsOf(wire: unknown, apiVersion: string): WireObject {
  const doc = { ...asObject(wire) }
  if (!apiAtLeast(apiVersion, '1.21')) {
    const state = { ...asObject(doc.State) }
    delete state.Status
    doc.State = state
    const network = { ...asObject(doc.NetworkSettings) }
    delete network.Networks
    doc.NetworkSettings = network
  }
  if (!apiAtLeast(apiVersion, '1.20')) delete doc.Mounts
  return doc
}

/**
 * An `/events` message as the version sends it: only `status`, `id`, `from` before 1.22. The
 * engine here also sends network and volume events at old prefixes, with no `status` at all;
 * those are kept whole (an engine that old has neither, so they cannot be stripped wrongly).
 */
export function eventAsOf(doc: WireObject, apiVersion: string): WireObject {
  if (apiAtLeast(apiVersion, '1.22') || doc.status === undefined) return doc
  const old = { ...doc }
  delete old.Type
  delete old.Action
  delete old.Actor
  delete old.scope
  return old
}
