// Shapes of the API's responses the studio reads (the OpenAPI document at /openapi.json is the reference).

import type { QualityCheck } from '@looply/core';

export type JobStatus = 'PENDING' | 'RUNNING' | 'WAITING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
export type StepKind = 'script' | 'voice' | 'visual' | 'assembly';

export interface Usage {
  costUsd?: number;
  inputTokens?: number;
  outputTokens?: number;
  characters?: number;
  images?: number;
  audioSeconds?: number;
  gpuSeconds?: number;
  renderSeconds?: number;
}

export interface Video {
  id: string;
  status: JobStatus;
  progress: number;
  currentStep: StepKind | null;
  brief: {
    topic: string;
    tone: string;
    durationSec: number;
    language: string;
    aspectRatio: string;
    style: string;
    voice?: string;
  };
  providers: Record<string, string>;
  steps: Array<{
    step: StepKind;
    sceneIndex: number | null;
    provider: string;
    status: JobStatus;
    attempt: number;
    startedAt: string | null;
    finishedAt: string | null;
    error: string | null;
  }>;
  videoUrl: string | null;
  result: { durationSec: number; width: number; height: number } | null;
  /** The output check run after assembly (its shape is core's, as the API serves it). */
  quality: QualityCheck | null;
  error: { step: StepKind; provider: string; message: string; code?: string } | null;
  usage: { byStep: Record<string, Usage>; totalCostUsd: number };
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
