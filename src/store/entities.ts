import type { Entity } from '../core/types.js';

/**
 * Folds per-article entity rows into one entity per (name, kind): aliases and roles
 * are united and sorted; the result is sorted by name, then kind. Every store
 * implementation uses this, so the merge never depends on storage order. It backs
 * `listEntities()` without an article.
 */
export function mergeEntities(rows: Iterable<Entity>): Entity[] {
  const merged = new Map<string, { entity: Entity; aliases: Set<string>; roles: Set<string> }>();
  for (const row of rows) {
    const key = `${row.kind}\u0000${row.name}`;
    let slot = merged.get(key);
    if (!slot) {
      slot = { entity: row, aliases: new Set(), roles: new Set() };
      merged.set(key, slot);
    }
    for (const alias of row.aliases) slot.aliases.add(alias);
    for (const role of row.roles) slot.roles.add(role);
  }
  return [...merged.values()].map(({ entity, aliases, roles }) => ({
    name: entity.name,
    kind: entity.kind,
    aliases: [...aliases].sort(),
    roles: [...roles].sort(),
  })).sort(byNameThenKind);
}

function byNameThenKind(x: Entity, y: Entity): number {
  if (x.name !== y.name) return x.name < y.name ? -1 : 1;
  return x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : 0;
}
