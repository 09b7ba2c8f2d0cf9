import { useEffect, useRef } from 'preact/hooks';
import { STATUS_COLOURS } from '../format';
import type { Graph } from '../types';

export interface EdgePick {
  accuserId: string;
  accusedId: string;
  status: string;
}

let loading: ReturnType<typeof importCytoscape> | null = null;
const importCytoscape = () => import('cytoscape');
/** Loads (once) the network's code; the view calls it as it opens, before its data. */
export const loadCytoscape = () => (loading ??= importCytoscape());

/** Above this many edges the graph draws straight, unlabelled edges and skips animation. */
const LARGE = 1500;

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
  const place =
    large || graph.nodes.length > 150
      ? rings(
          graph.nodes.map((n) => n.actorId),
          degree,
        )
      : null;
  const nodes = graph.nodes.map((node) => ({
    group: 'nodes' as const,
    data: {
      id: node.actorId,
      label: named.has(node.actorId) ? node.name : '',
      name: node.name,
      degree: degree.get(node.actorId) ?? 0,
      size: Math.min(14 + Math.sqrt(degree.get(node.actorId) ?? 0) * 4, 60),
    },
    position: place?.get(node.actorId),
  }));
  return { nodes, edges, large };
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

export function NetworkGraph(props: {
  graph: Graph;
  onEdge: (pick: EdgePick) => void;
  onNode: (actorId: string) => void;
  onDrawn: () => void;
}) {
  const element = useRef<HTMLDivElement>(null);
  const handlers = useRef(props);
  handlers.current = props;
  useEffect(() => {
    let disposed = false;
    let cy: import('cytoscape').Core | null = null;
    void loadCytoscape().then(({ default: cytoscape }) => {
      if (disposed || !element.current) return;
      const { nodes, edges, large } = graphElements(props.graph);
      cy = cytoscape({
        container: element.current,
        elements: [...nodes, ...edges],
        minZoom: 0.05,
        maxZoom: 4,
        pixelRatio: large ? 1 : 'auto',
        textureOnViewport: large,
        hideEdgesOnViewport: large,
        motionBlur: false,
        style: [
          {
            selector: 'node',
            style: {
              width: 'data(size)',
              height: 'data(size)',
              'background-color': '#475467',
              label: 'data(label)',
              'font-size': 11,
              color: '#1d2939',
              'text-valign': 'bottom',
              'text-margin-y': 3,
              'min-zoomed-font-size': large ? 9 : 0,
            },
          },
          {
            selector: 'edge',
            style: {
              width: 1.5,
              'target-arrow-shape': large ? 'none' : 'triangle',
              'curve-style': large ? 'haystack' : 'bezier',
              opacity: 0.85,
            },
          },
          { selector: 'edge.w2', style: { width: 3.5 } },
          { selector: 'edge.w3', style: { width: 6 } },
          ...Object.entries(STATUS_COLOURS).map(([status, colour]) => ({
            selector: `edge.${status}`,
            style: { 'line-color': colour, 'target-arrow-color': colour },
          })),
          { selector: ':selected', style: { 'overlay-opacity': 0.25, 'overlay-color': '#f79009' } },
        ],
        layout: { name: 'preset' },
      });
      (element.current as unknown as { cy: unknown }).cy = cy;
      cy.on('tap', 'edge', (event) => {
        const data = event.target.data() as { source: string; target: string; status: string };
        handlers.current.onEdge({
          accuserId: data.source,
          accusedId: data.target,
          status: data.status,
        });
      });
      cy.on('tap', 'node', (event) => handlers.current.onNode(event.target.id()));
      // Unlabelled actors of a big network say who they are on hover.
      cy.on('mouseover', 'node', (event) => {
        if (element.current) element.current.title = event.target.data('name') as string;
      });
      const layout = cy.layout(
        nodes[0]?.position
          ? { name: 'preset', fit: true, padding: 24 }
          : {
              name: 'cose',
              animate: false,
              randomize: false,
              nodeRepulsion: () => 8000,
              idealEdgeLength: () => 90,
            },
      );
      layout.one('layoutstop', () => {
        cy?.fit(undefined, 24);
        requestAnimationFrame(() => {
          element.current?.setAttribute('data-drawn', 'true');
          handlers.current.onDrawn();
        });
      });
      layout.run();
    });
    return () => {
      disposed = true;
      cy?.destroy();
    };
  }, [props.graph]);
  return (
    <div
      ref={element}
      class="network"
      role="img"
      aria-label={`Accusation network: ${props.graph.nodes.length} actors, ${props.graph.edges.length} accuser → accused pairs; the table below lists them`}
      data-testid="network"
    />
  );
}
