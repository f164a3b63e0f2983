import type { AnyStateMachine, AnyStateNode } from 'xstate';

/**
 * Renders a machine definition as a Mermaid state diagram, so the picture in docs/ is generated from
 * the machine itself and cannot drift from it. Parallel regions are separated by `--`; guards are
 * shown in brackets after the event name.
 */
export function toMermaid(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2'];
  renderChildren(machine.root, lines, '  ');
  return `${lines.join('\n')}\n`;
}

const idOf = (node: AnyStateNode): string => node.path.join('_') || 'root';

function renderChildren(parent: AnyStateNode, lines: string[], indent: string): void {
  const children = Object.values(parent.states) as AnyStateNode[];
  if (parent.type === 'parallel') {
    children.forEach((region, index) => {
      if (index > 0) lines.push(`${indent}--`);
      renderNode(region, lines, indent);
    });
    return;
  }
  const initial = parent.config.initial;
  if (typeof initial === 'string') lines.push(`${indent}[*] --> ${idOf(parent.states[initial] as AnyStateNode)}`);
  for (const child of children) renderNode(child, lines, indent);
  for (const child of children) renderTransitions(child, lines, indent);
}

function renderNode(node: AnyStateNode, lines: string[], indent: string): void {
  const id = idOf(node);
  if (Object.keys(node.states).length === 0) {
    lines.push(`${indent}${id} : ${node.key}`);
    if (node.type === 'final') lines.push(`${indent}${id} --> [*]`);
    return;
  }
  lines.push(`${indent}state "${node.key}${node.type === 'parallel' ? ' (parallel)' : ''}" as ${id} {`);
  renderChildren(node, lines, `${indent}  `);
  lines.push(`${indent}}`);
}

function renderTransitions(node: AnyStateNode, lines: string[], indent: string): void {
  for (const [eventType, transitions] of node.transitions) {
    for (const transition of transitions) {
      const guard = typeof transition.guard === 'string' ? ` [${transition.guard}]` : transition.guard ? ' [guarded]' : '';
      for (const target of transition.target ?? [node]) {
        lines.push(`${indent}${idOf(node)} --> ${idOf(target)} : ${eventType}${guard}`);
      }
    }
  }
}
