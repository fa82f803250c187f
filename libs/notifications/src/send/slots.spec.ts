import { Slots } from './slots';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Slots', () => {
  it('runs at most `size` tasks at once and starts the waiting ones in arrival order', async () => {
    const slots = new Slots(2);
    const started: number[] = [];
    const finish: Array<() => void> = [];
    const tasks = [0, 1, 2, 3].map((n) =>
      slots.run(async () => {
        started.push(n);
        await new Promise<void>((resolve) => finish.push(resolve));
        return n;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    finish[1]();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    finish[0]();
    finish[2]();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    finish[3]();
    await expect(Promise.all(tasks)).resolves.toEqual([0, 1, 2, 3]);
  });

  it('gives the slot back when a task throws', async () => {
    const slots = new Slots(1);
    await expect(slots.run(() => Promise.reject(new Error('falla')))).rejects.toThrow('falla');
    await expect(slots.run(() => Promise.resolve('siguiente'))).resolves.toBe('siguiente');
  });
});
