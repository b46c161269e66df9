import type { ElevenLabsVoiceWire } from '../elevenlabs-api-types.js';

/** Premade voices as `GET /v1/voices` lists them (trimmed to the fields that matter). */
export const FAKE_ELEVENLABS_VOICES: ElevenLabsVoiceWire[] = [
  {
    voice_id: 'JBFqnCBsd6RMkjVDRZzb',
    name: 'George',
    category: 'premade',
    labels: { accent: 'British', description: 'warm', age: 'middle aged', gender: 'male', use_case: 'narration' },
    description: 'Warm resonance that instantly captivates listeners.',
    preview_url:
      'https://storage.googleapis.com/eleven-public-prod/premade/voices/JBFqnCBsd6RMkjVDRZzb/e6206d1a-0721-4787-aafb-06a6e705cac5.mp3',
  },
  {
    voice_id: '21m00Tcm4TlvDq8ikWAM',
    name: 'Rachel',
    category: 'premade',
    labels: { accent: 'american', description: 'calm', age: 'young', gender: 'female', use_case: 'narration' },
    description: 'Matter-of-fact, personable woman. Great for narration.',
    preview_url:
      'https://storage.googleapis.com/eleven-public-prod/premade/voices/21m00Tcm4TlvDq8ikWAM/b4928a68-c03b-411f-8533-3d5c299fd451.mp3',
  },
  {
    voice_id: 'EXAVITQu4vr4xnSDxMaL',
    name: 'Sarah',
    category: 'premade',
    labels: { accent: 'american', description: 'soft', age: 'young', gender: 'female', use_case: 'news' },
    description: 'Young adult woman with a confident and warm, mature quality.',
    preview_url:
      'https://storage.googleapis.com/eleven-public-prod/premade/voices/EXAVITQu4vr4xnSDxMaL/01a3e33c-6e99-4ee7-8543-ff2216a32186.mp3',
  },
  {
    voice_id: 'IKne3meq5aSn9XLyUdCD',
    name: 'Charlie',
    category: 'premade',
    labels: {
      accent: 'Australian',
      description: 'natural',
      age: 'middle aged',
      gender: 'male',
      use_case: 'conversational',
    },
    description: 'A young Australian male with a confident and energetic voice.',
    preview_url:
      'https://storage.googleapis.com/eleven-public-prod/premade/voices/IKne3meq5aSn9XLyUdCD/102de6f2-22ed-43e0-a1f1-111fa75c5481.mp3',
  },
];
