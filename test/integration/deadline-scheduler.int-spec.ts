import { Queue } from 'bullmq';
import { DEADLINE_SWEEP_EVERY_MS, DEADLINE_SWEEP_SCHEDULER_ID, DeadlineSweepScheduler } from '@app/plazos';
import { QueueName } from '@app/platform/queue';
import { TEST_REDIS_URL } from '../support/test-env';

describe('DeadlineSweepScheduler on Redis', () => {
  let queue: Queue;

  beforeAll(() => {
    const url = new URL(TEST_REDIS_URL);
    // A prefix of its own: no worker listens here, so registering the schedule runs no sweep.
    queue = new Queue(QueueName.DEADLINES, {
      connection: { host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 0) },
      prefix: `test-scheduler-${process.pid}-${Date.now()}`,
    });
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('keeps one recurring sweep however many workers start', async () => {
    await Promise.all([new DeadlineSweepScheduler(queue), new DeadlineSweepScheduler(queue), new DeadlineSweepScheduler(queue)].map((s) => s.onApplicationBootstrap()));
    await new DeadlineSweepScheduler(queue).onApplicationBootstrap();
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: DEADLINE_SWEEP_SCHEDULER_ID, every: DEADLINE_SWEEP_EVERY_MS });
  });
});
