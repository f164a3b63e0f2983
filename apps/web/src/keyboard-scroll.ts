/**
 * Element Plus tables scroll sideways inside their own wrapper when a phone is narrower than the
 * table. A keyboard user can scroll that wrapper only if it can take the focus (WCAG 2.1.1), and
 * Element Plus gives it no tabindex; this gives every such wrapper one as it appears.
 */
export function letKeyboardScrollTables(root: HTMLElement): void {
  const mark = (): void => {
    for (const wrapper of root.querySelectorAll<HTMLElement>('.el-table .el-scrollbar__wrap:not([tabindex])')) wrapper.tabIndex = 0;
  };
  new MutationObserver(mark).observe(root, { childList: true, subtree: true });
  mark();
}
