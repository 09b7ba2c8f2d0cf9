import { useEffect, useRef } from 'preact/hooks';
import { STATUS_COLOURS } from '../format';
import type { Graph } from '../types';
import { graphElements } from './graph-model';

export interface EdgePick {
  accuserId: string;
  accusedId: string;
  status: string;
}

let loading: ReturnType<typeof importCytoscape> | null = null;
const importCytoscape = () => import('cytoscape');
/** Loads (once) the network's code; the view calls it as it opens, before its data. */
export const loadCytoscape = () => (loading ??= importCytoscape());

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
      const { nodes, edges, large, relax } = graphElements(props.graph);
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
        !relax
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
