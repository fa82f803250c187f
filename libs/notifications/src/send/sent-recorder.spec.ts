import { Logger } from '@nestjs/common';
import { OutboxRepository } from '../outbox/outbox.repository';
import { SentRecorder } from './sent-recorder';

/** The repository's one statement the recorder uses, recorded; `fail` makes the next calls throw. */
class FakeOutbox {
  calls: string[][] = [];
  fail = 0;
  private release: (() => void) | null = null;
  hold = false;

  async markSentMany(sent: ReadonlyArray<{ id: string; messageId: string }>): Promise<string[]> {
    this.calls.push(sent.map((s) => s.id));
    if (this.hold) await new Promise<void>((resolve) => (this.release = resolve));
    if (this.fail > 0) {
      this.fail -= 1;
      throw new Error('la base no responde');
    }
    return sent.map((s) => s.id);
  }

  unhold(): void {
    this.hold = false;
    this.release?.();
  }
}

const recorderWith = (outbox: FakeOutbox) => new SentRecorder(outbox as unknown as OutboxRepository);
const later = (ms: number) => Date.now() + ms;

describe('SentRecorder', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('writes an acceptance at once, and those arriving during a write together in the next statement', async () => {
    const outbox = new FakeOutbox();
    const recorder = recorderWith(outbox);
    outbox.hold = true;
    const first = recorder.record('a', '<a>', later(5_000));
    await new Promise((resolve) => setImmediate(resolve));
    expect(outbox.calls).toEqual([['a']]);
    const rest = [recorder.record('b', '<b>', later(5_000)), recorder.record('c', '<c>', later(5_000))];
    outbox.unhold();
    await Promise.all([first, ...rest]);
    expect(outbox.calls).toEqual([['a'], ['b', 'c']]);
  });

  it('retries a failed write until it succeeds', async () => {
    const outbox = new FakeOutbox();
    outbox.fail = 2;
    await recorderWith(outbox).record('a', '<a>', later(10_000));
    expect(outbox.calls).toEqual([['a'], ['a'], ['a']]);
  });

  it('gives up once the claim is about to expire, and says so to the caller', async () => {
    const outbox = new FakeOutbox();
    outbox.fail = 100;
    await expect(recorderWith(outbox).record('a', '<a>', later(150))).rejects.toThrow('la base no responde');
    expect(outbox.calls.length).toBeGreaterThan(1);
  });
});
