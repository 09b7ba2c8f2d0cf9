import { useEffect, useRef } from 'preact/hooks';
import { STATUS_COLOURS } from '../format';
import type { Graph } from '../types';

export interface EdgePick {
  accuserId: string;
  accusedId: string;
  status: string;
}

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
          colour: STATUS_COLOURS[status] ?? '#344054',
          width: Math.min(1.5 + Math.log2(count + 1) * 1.5, 9),
        },
      });
    }
  const nodes = graph.nodes.map((node) => ({
    group: 'nodes' as const,
    data: {
      id: node.actorId,
      label: node.name,
      degree: degree.get(node.actorId) ?? 0,
      size: Math.min(14 + Math.sqrt(degree.get(node.actorId) ?? 0) * 4, 60),
    },
  }));
  return { nodes, edges };
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
    void import('cytoscape').then(({ default: cytoscape }) => {
      if (disposed || !element.current) return;
      const { nodes, edges } = graphElements(props.graph);
      const large = edges.length > LARGE;
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
              width: 'data(width)',
              'line-color': 'data(colour)',
              'target-arrow-color': 'data(colour)',
              'target-arrow-shape': large ? 'none' : 'triangle',
              'curve-style': large ? 'haystack' : 'bezier',
              opacity: 0.85,
            },
          },
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
      const layout = cy.layout(
        nodes.length <= 150
          ? {
              name: 'cose',
              animate: false,
              randomize: false,
              nodeRepulsion: () => 8000,
              idealEdgeLength: () => 90,
            }
          : {
              name: 'concentric',
              animate: false,
              concentric: (node) => node.data('degree') as number,
              levelWidth: () => Math.max(1, nodes.length / 300),
              minNodeSpacing: 4,
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
