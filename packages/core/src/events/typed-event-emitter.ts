import { EventEmitter } from 'node:events';
import type { JobEndEvent, ProgressEvent, StepEndEvent, StepStartEvent } from './job-event.js';

/** Event name → listener arguments. */
export type EventMap = Record<string, unknown[]>;

/** A Node EventEmitter whose event names and payloads are checked by the compiler. */
export class TypedEventEmitter<Events extends EventMap> {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Many subscribers (one per streamed job) are normal here.
    this.emitter.setMaxListeners(0);
  }

  on<Name extends keyof Events & string>(event: Name, listener: (...args: Events[Name]) => void): this {
    this.emitter.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  once<Name extends keyof Events & string>(event: Name, listener: (...args: Events[Name]) => void): this {
    this.emitter.once(event, listener as (...args: unknown[]) => void);
    return this;
  }

  off<Name extends keyof Events & string>(event: Name, listener: (...args: Events[Name]) => void): this {
    this.emitter.off(event, listener as (...args: unknown[]) => void);
    return this;
  }

  emit<Name extends keyof Events & string>(event: Name, ...args: Events[Name]): boolean {
    return this.emitter.emit(event, ...args);
  }

  listenerCount<Name extends keyof Events & string>(event: Name): number {
    return this.emitter.listenerCount(event);
  }

  removeAllListeners(): this {
    this.emitter.removeAllListeners();
    return this;
  }
}

/** The engine's in-process events (noun-verb names). */
export interface EngineEvents extends EventMap {
  progress: [ProgressEvent];
  'step-start': [StepStartEvent];
  'step-end': [StepEndEvent];
  'job-end': [JobEndEvent];
}

export type EngineEventEmitter = TypedEventEmitter<EngineEvents>;
