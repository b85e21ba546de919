import * as vscode from 'vscode';
import { filterTree, parentsOf } from '../../core/tree';
import type { TreeInput, TreeNode } from '../../core/tree';
import { tooltipOf, toTreeItem } from './item';

/**
 * One view's rows. Built lazily: a change only marks the rows stale, and VS Code asks for them
 * again only while the view is visible, so a hidden sidebar costs nothing on each keystroke.
 */
export class EvidenceTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private built: { roots: TreeNode[]; parents: Map<string, TreeNode> } | undefined;
  private query = '';

  constructor(
    private readonly build: (input: TreeInput) => TreeNode[],
    private readonly input: () => TreeInput | undefined,
    private readonly uriOf: (file: string) => vscode.Uri,
  ) {}

  get filter(): string {
    return this.query;
  }

  setFilter(query: string): void {
    this.query = query.trim();
    this.refresh();
  }

  refresh(): void {
    this.built = undefined;
    this.emitter.fire(undefined);
  }

  /** The current rows, filter applied. */
  roots(): TreeNode[] {
    if (!this.built) {
      const input = this.input();
      const roots = input ? filterTree(this.build(input), this.query) : [];
      this.built = { roots, parents: parentsOf(roots) };
    }
    return this.built.roots;
  }

  /** The first row for which `match` holds, depth first. */
  find(match: (node: TreeNode) => boolean): TreeNode | undefined {
    const walk = (nodes: readonly TreeNode[]): TreeNode | undefined => {
      for (const node of nodes) {
        const hit = match(node) ? node : walk(node.children);
        if (hit) return hit;
      }
      return undefined;
    };
    return walk(this.roots());
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node, this.uriOf);
  }

  /** Tooltips are built when hovered, not for every row of a large library. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode, token: vscode.CancellationToken): vscode.TreeItem {
    if (!token.isCancellationRequested) item.tooltip = tooltipOf(node);
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return node ? node.children : this.roots();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    this.roots();
    return this.built!.parents.get(node.id);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** The two providers, exposed on Services for tests and for commands that reveal rows. */
export interface EvidenceTrees {
  sources: EvidenceTreeProvider;
  studies: EvidenceTreeProvider;
  sourcesView: vscode.TreeView<TreeNode>;
  studiesView: vscode.TreeView<TreeNode>;
}
