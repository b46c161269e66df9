// Shapes of the API's responses the studio reads (the OpenAPI document at /openapi.json is the reference).
// What the engine defines (statuses, brief, usage, failure, result, quality) is imported from core, as types
// only: nothing of core's server-side code reaches the browser bundle.

import type { Brief, JobResult, JobStatus, JobUsage, QualityCheck, StepFailure, StepKind } from '@looply/core';

export type { JobStatus, StepKind };

/** One step run (one scene for visuals) as a video lists it. */
export interface StepState {
  step: StepKind;
  sceneIndex: number | null;
  provider: string;
  status: JobStatus;
  attempt: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export interface Video {
  id: string;
  status: JobStatus;
  progress: number;
  currentStep: StepKind | null;
  brief: Brief;
  providers: Record<string, string>;
  steps: StepState[];
  videoUrl: string | null;
  result: Omit<JobResult, 'video' | 'quality'> | null;
  /** The output check run after assembly (its shape is core's, as the API serves it). */
  quality: QualityCheck | null;
  error: Pick<StepFailure, 'step' | 'provider' | 'message' | 'code'> | null;
  usage: JobUsage;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface User {
  id: string;
  email: string;
  displayName: string | null;
  createdAt: string;
}

export interface Profile {
  displayName: string | null;
  defaultLanguage: string | null;
  defaultVoice: string | null;
  defaultStyle: string | null;
  defaultAspectRatio: string | null;
  [key: string]: unknown;
}

export interface QuotaUsage {
  limits: { concurrentJobs: number; videosPerDay: number; secondsPerDay: number };
  used: { unfinishedJobs: number; videosToday: number; secondsToday: number };
  resetsAt: string;
}

/** A template as `GET /templates` lists it (built-in or the caller's own). */
export interface Template {
  name: string;
  description?: string;
  builtIn: boolean;
  presets: {
    tone?: string;
    durationSec?: number;
    language?: string;
    aspectRatio?: string;
    style?: string;
    voice?: string;
    music?: { source?: string; mood?: string };
  };
}
