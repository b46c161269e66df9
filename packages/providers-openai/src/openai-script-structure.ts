import {
  PACING_WORD_FACTORS,
  pointNumber,
  ProviderError,
  sceneRolesFor,
  type Brief,
  type Script,
  type ScriptStructure,
} from '@looply/core';
import { OPENAI_PROVIDER_ID } from './openai-error.js';

/** The template's pacing as a factor on the narration length (1 without a template). */
export function pacingWordFactor(brief: Brief): number {
  return brief.template ? PACING_WORD_FACTORS[brief.template.structure.pacing] : 1;
}

function numberingText(structure: ScriptStructure): string {
  const first = pointNumber(structure, 0);
  const last = pointNumber(structure, structure.points.count - 1);
  if (first === undefined || last === undefined) return '';
  return ` Number them from ${first} ${first > last ? 'down' : 'up'} to ${last}, saying the number first (for example "Number ${first}: …").`;
}

/** The prompt lines that give the script the template's structure: scene count, order and each scene's role. */
export function structurePromptLines(brief: Brief): string[] {
  const template = brief.template;
  if (!template) return [];
  const { structure } = template;
  const roles = sceneRolesFor(structure);
  const lastPoint = structure.points.count + 1;
  const pointScenes = structure.points.count === 1 ? 'scene 2' : `scenes 2–${lastPoint}`;
  return [
    '',
    `Structure (the "${template.name}" template)`,
    `- Use ${roles.length} scenes, exactly, in this order, and set each scene's role:`,
    `- scene 1, role "hook": ${structure.hook}.`,
    `- ${pointScenes}, role "point": one ${structure.points.label} per scene.${numberingText(structure)}${structure.points.guidance ? ` ${structure.points.guidance}.` : ''}`,
    ...(structure.callToAction ? [`- scene ${roles.length}, role "call-to-action": ${structure.callToAction}.`] : []),
    `- Pacing: ${structure.pacing}${structure.pacing === 'brisk' ? ', short punchy sentences' : structure.pacing === 'relaxed' ? ', unhurried sentences with room to breathe' : ''}.`,
  ];
}

type JsonSchema = Record<string, unknown>;

/** The response schema with the scene count pinned to the structure's (structured outputs honour minItems/maxItems). */
export function structuredResponseSchema(schema: JsonSchema, brief: Brief): JsonSchema {
  if (!brief.template) return schema;
  const count = sceneRolesFor(brief.template.structure).length;
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  return {
    ...schema,
    properties: { ...properties, scenes: { ...properties.scenes, minItems: count, maxItems: count } },
  };
}

/** Strict mode answers `null` for a property the schema makes optional; the script schema wants it left out. */
export function withoutNullRoles(json: unknown): unknown {
  const scenes = (json as { scenes?: unknown })?.scenes;
  if (!Array.isArray(scenes)) return json;
  return {
    ...(json as object),
    scenes: scenes.map((scene) =>
      scene && typeof scene === 'object' && (scene as { role?: unknown }).role === null ? omitRole(scene) : scene,
    ),
  };
}

function omitRole(scene: object): object {
  const { role: _role, ...rest } = scene as { role?: unknown };
  return rest;
}

/** Checks the answer has the structure's scene count and gives each scene its role by position. */
export function applyStructure(script: Script, brief: Brief, model: string): Script {
  if (!brief.template) return script;
  const roles = sceneRolesFor(brief.template.structure);
  if (script.scenes.length !== roles.length) {
    throw new ProviderError({
      provider: OPENAI_PROVIDER_ID,
      message: `OpenAI script (${model}): the "${brief.template.name}" template asks for ${roles.length} scenes, the answer has ${script.scenes.length}`,
      retryable: false,
      code: 'invalid-response',
    });
  }
  return { ...script, scenes: script.scenes.map((scene, index) => ({ ...scene, role: roles[index] })) };
}
