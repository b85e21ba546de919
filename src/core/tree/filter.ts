import { fold } from './text';
import type { TreeNode } from './types';

/**
 * The rows matching a filter: a row whose own text matches keeps all its children; a group is
 * kept, with only its matching descendants, when any of them matches. An empty query keeps all.
 */
export function filterTree(nodes: readonly TreeNode[], query: string): TreeNode[] {
  const needle = fold(query.trim());
  if (!needle) return [...nodes];
  const keep = (node: TreeNode): TreeNode | undefined => {
    if (node.searchText?.includes(needle)) return node;
    const children = node.children.map(keep).filter((c): c is TreeNode => c !== undefined);
    if (children.length === 0) return undefined;
    // "1 of 17 entries": the group's count would otherwise claim rows the filter hides.
    const description = node.description && children.length < node.children.length ? `${children.length} of ${node.description}` : node.description;
    return { ...node, description, children };
  };
  return nodes.map(keep).filter((n): n is TreeNode => n !== undefined);
}

/** Every node with its parent, for views that must walk up from a row (reveal). */
export function parentsOf(roots: readonly TreeNode[]): Map<string, TreeNode> {
  const parents = new Map<string, TreeNode>();
  const walk = (node: TreeNode) => {
    for (const child of node.children) {
      parents.set(child.id, node);
      walk(child);
    }
  };
  roots.forEach(walk);
  return parents;
}
