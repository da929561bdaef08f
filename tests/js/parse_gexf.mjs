// Parse a GEXF file with graphology-gexf (the parser behind Gephi Lite) and print what it read as JSON.
//
// Usage: node tests/js/parse_gexf.mjs FILE.gexf
// Output: {"type", "multi", "order", "size", "graph": {...}, "nodes": [{key, attributes}],
//          "edges": [{key, source, target, undirected, attributes}]}
// Exit status 1 with the parser's message on stderr when the file cannot be parsed.
import { readFileSync } from "node:fs";

import graphology from "graphology";
import gexf from "graphology-gexf";

const { MultiGraph } = graphology;

function main(argv) {
  if (argv.length !== 1) {
    process.stderr.write("usage: node parse_gexf.mjs FILE.gexf\n");
    return 2;
  }
  const graph = gexf.parse(MultiGraph, readFileSync(argv[0], "utf8"));
  const nodes = graph.mapNodes((key, attributes) => ({ key, attributes }));
  const edges = graph.mapEdges((key, attributes, source, target, _sa, _ta, undirected) => ({
    key,
    source,
    target,
    undirected,
    attributes,
  }));
  const result = {
    type: graph.type,
    multi: graph.multi,
    order: graph.order,
    size: graph.size,
    graph: graph.getAttributes(),
    nodes,
    edges,
  };
  process.stdout.write(JSON.stringify(result) + "\n");
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`parse_gexf: ${error.message}\n`);
  process.exitCode = 1;
}
