import type { InspectionQueries } from '@shuangsui/application';
import { CaseAccessDeniedError } from '@shuangsui/application';
import { violation, type Actor } from '@shuangsui/domain';

/**
 * An inspector reads only the cases they are assigned to (now or before a reassignment); every
 * other reading role reads every case. Checked before the read, so a refusal shows nothing.
 */
export async function assertMayReadCase(queries: InspectionQueries, actor: Actor, caseId: string): Promise<void> {
  if (actor.role !== 'inspector') return;
  const { case: current } = await queries.getCase(caseId);
  const everAssigned = new Set([...current.inspectorIds, ...current.assignments.flatMap((entry) => entry.inspectorIds)]);
  if (!everAssigned.has(actor.id)) {
    throw new CaseAccessDeniedError(caseId, violation('actor', 'assignedInspector', `执法人员 ${actor.id} 不是本案的检查人员，不能查看本案`));
  }
}
