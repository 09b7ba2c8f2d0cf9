// The network's elements and layout, computed without a browser (unit-tested).
import type { Graph } from '../types';

/** Above this many edges the graph draws straight, unlabelled edges and skips animation. */
export const LARGE = 1500;

/** Cytoscape elements: a node per actor, an edge per accuser → accused pair and status. */
export function graphElements(graph: Graph) {
  const degree = new Map<string, number>();
  const edges = [];
  for (const edge of graph.edges)
    for (const [status, count] of Object.entries(edge.byStatus)) {
      if (!count) continue;
      degree.set(edge.accuserId, (degree.get(edge.accuserId) ?? 0) + count);
      degree.set(edge.accusedId, (degree.get(edge.accusedId) ?? 0) + count);
      edges.push({
        group: 'edges' as const,
        data: {
          id: `${edge.accuserId}>${edge.accusedId}>${status}`,
          source: edge.accuserId,
          target: edge.accusedId,
          status,
          count,
        },
        // Styled by class (status, and width in three steps): no per-edge style mapping.
        classes: `${status} w${count >= 8 ? 3 : count >= 3 ? 2 : 1}`,
      });
    }
  const large = edges.length > LARGE;
  // Big networks name only their most connected actors (the rest on hover and in the table).
  const named = new Set(
    large
      ? [...degree]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 60)
          .map(([id]) => id)
      : graph.nodes.map((n) => n.actorId),
  );
  // Every network starts from the rings (so a layout is the same at each load); small ones are
  // then relaxed by a force-directed pass from there.
  const place = rings(
    graph.nodes.map((n) => n.actorId),
    degree,
  );
  const relax = !large && graph.nodes.length <= 150;
  const nodes = graph.nodes.map((node) => ({
    group: 'nodes' as const,
    data: {
      id: node.actorId,
      label: named.has(node.actorId) ? node.name : '',
      name: node.name,
      degree: degree.get(node.actorId) ?? 0,
      size: Math.min(14 + Math.sqrt(degree.get(node.actorId) ?? 0) * 4, 60),
    },
    position: place.get(node.actorId)!,
  }));
  return { nodes, edges, large, relax };
}

/**
 * A concentric layout computed in one pass (the busiest actors in the middle, rings outward
 * by falling degree): linear in the actors, where a layout engine walks collections.
 */
export function rings(ids: string[], degree: Map<string, number>, spacing = 28) {
  const order = [...ids].sort(
    (a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || a.localeCompare(b),
  );
  const place = new Map<string, { x: number; y: number }>();
  let ring = 0;
  let index = 0;
  while (index < order.length) {
    const radius = ring * spacing * 1.6;
    const room = ring === 0 ? 1 : Math.floor((2 * Math.PI * radius) / spacing);
    for (let slot = 0; slot < room && index < order.length; slot++, index++) {
      const angle = (2 * Math.PI * slot) / room + ring * 0.5;
      place.set(order[index], { x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
    }
    ring += 1;
  }
  return place;
}
