import { LeaderTasks } from './leader-tasks';
import type { LeaderService } from './leader-tasks';

function recordingManager(log: string[]): LeaderService {
  let state: 'running' | 'stopped' = 'stopped';
  return {
    start: async () => void ((state = 'running'), log.push('pm+')),
    stop: async () => void ((state = 'stopped'), log.push('pm-')),
    status: () => ({ name: 'pm', state, position: 0, error: null }),
  };
}

describe('leader tasks', () => {
  it('run tasks, then start services, on each election; stop the services on demotion', async () => {
    const log: string[] = [];
    const tasks = new LeaderTasks();
    await tasks.keepRunning(recordingManager(log));
    await tasks.add(async () => void log.push('task'));
    expect(log).toEqual([]);

    await tasks.elected();
    expect(tasks.statuses()).toEqual([expect.objectContaining({ name: 'pm', state: 'running' })]);
    await tasks.demoted();
    await tasks.elected();
    expect(log).toEqual(['task', 'pm+', 'pm-', 'task', 'pm+']);
  });

  it('run what is added while this process already leads at once', async () => {
    const log: string[] = [];
    const tasks = new LeaderTasks();
    await tasks.elected();
    await tasks.add(async () => void log.push('task'));
    await tasks.keepRunning(recordingManager(log));
    expect(log).toEqual(['task', 'pm+']);
  });
});
