import { z } from 'zod';
import { briefSchema, type BriefInput } from '../domain/brief.js';
import { LooplyError } from '../errors/looply-error.js';
import { parseWith } from '../errors/validation.js';
import { BUILT_IN_TEMPLATE_NAMES, findBuiltInTemplate } from './built-in-templates.js';
import { templateNameSchema, type AppliedTemplate } from './script-structure.js';
import { videoTemplateSchema, type VideoTemplate } from './video-template.js';

/** A brief's `template` as callers send it: a template name, or a whole template inline. */
export const templateReferenceSchema = z.union([templateNameSchema, videoTemplateSchema]);

/** What callers send: a brief whose `template` may be a name; `resolveBriefTemplate` turns it into a `BriefInput`. */
export const briefRequestSchema = briefSchema.extend({ template: templateReferenceSchema.optional() });
export type BriefRequest = z.input<typeof briefRequestSchema>;

/** Finds a template by name beyond the built-in ones (the REST server passes the caller's own templates). */
export type TemplateLookup = (name: string) => VideoTemplate | undefined;

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

function unknownTemplate(name: string, lookup?: TemplateLookup): LooplyError {
  const message = `brief: template: unknown template "${name}" (built-in: ${BUILT_IN_TEMPLATE_NAMES.join(', ')}${lookup ? ', or one of your own' : ''})`;
  return new LooplyError('validation', message, [
    { code: 'custom', path: ['template'], message: `unknown template "${name}"` },
  ]);
}

/**
 * Applies a brief's template: the template's presets fill the fields the brief leaves out (the
 * brief overrides any of them), and `template` becomes the applied template (name, description,
 * structure) that the script writer follows and the job records. A brief without a template is
 * returned as it is; applying twice changes nothing.
 */
export function resolveBriefTemplate(input: BriefRequest, lookup?: TemplateLookup): BriefInput {
  if (typeof input !== 'object' || input === null || input.template === undefined) return input as BriefInput;
  const reference = input.template;
  let template: VideoTemplate;
  if (typeof reference === 'string') {
    const found = lookup?.(reference) ?? findBuiltInTemplate(reference);
    if (!found) throw unknownTemplate(reference, lookup);
    template = found;
  } else {
    template = parseWith(videoTemplateSchema, reference, 'brief template');
  }
  const applied: AppliedTemplate = {
    name: template.name,
    ...(template.description === undefined ? {} : { description: template.description }),
    structure: template.structure,
  };
  const { template: _reference, ...fields } = input;
  return { ...withoutUndefined(template.presets), ...withoutUndefined(fields), template: applied } as BriefInput;
}
