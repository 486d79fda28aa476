import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** One schedule as the local stand-in keeps it: what EventBridge Scheduler keeps that matters here. */
export interface StoredSchedule {
  readonly name: string;
  readonly groupName: string;
  /** When it fires (ms since the epoch, on the local clock). */
  readonly at: number;
  /** The target's input: the message the queue gets. */
  readonly input: string;
  readonly targetArn: string;
  /** A failed delivery waits until then before the next try. */
  retryAfter?: number;
  attempts: number;
}

/** The schedules, by group and name, kept in a file when `npm start` keeps its data. */
export class ScheduleStore {
  private readonly schedules = new Map<string, StoredSchedule>();

  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      for (const schedule of JSON.parse(readFileSync(file, 'utf8')) as StoredSchedule[]) this.schedules.set(key(schedule), schedule);
    }
  }

  has(groupName: string, name: string): boolean {
    return this.schedules.has(`${groupName}/${name}`);
  }

  put(schedule: StoredSchedule): void {
    this.schedules.set(key(schedule), schedule);
    this.persist();
  }

  delete(groupName: string, name: string): boolean {
    const deleted = this.schedules.delete(`${groupName}/${name}`);
    if (deleted) this.persist();
    return deleted;
  }

  /** The schedules whose time has come at `now`, and whose last failed try has waited long enough. */
  due(now: number): StoredSchedule[] {
    return [...this.schedules.values()].filter((s) => s.at <= now && (s.retryAfter ?? 0) <= now).sort((a, b) => a.at - b.at);
  }

  /** When the next schedule fires (for the clock control's "next event"), or undefined when none is left. */
  next(): number | undefined {
    const times = [...this.schedules.values()].map((s) => s.at);
    return times.length ? Math.min(...times) : undefined;
  }

  all(): StoredSchedule[] {
    return [...this.schedules.values()].sort((a, b) => a.at - b.at);
  }

  private persist(): void {
    if (!this.file) return;
    writeFileSync(`${this.file}.tmp`, JSON.stringify([...this.schedules.values()]));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

const key = (schedule: Pick<StoredSchedule, 'groupName' | 'name'>) => `${schedule.groupName}/${schedule.name}`;
