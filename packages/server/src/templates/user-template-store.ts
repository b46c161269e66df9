import { randomUUID } from 'node:crypto';
import {
  BUILT_IN_TEMPLATE_NAMES,
  resolveBriefTemplate,
  type BriefInput,
  type BriefRequest,
  type VideoTemplate,
} from '@looply/core';
import { HttpError } from '../app/http-error.js';
import type { ServerDatabase } from '../persistence/server-database.js';
import type { TemplateResponse } from './template-schemas.js';

interface TemplateRow {
  id: string;
  template: VideoTemplate;
  /** The pool's type parsers may give a string or a Date. */
  created_at: Date | string;
  updated_at: Date | string;
}

function toResponse(row: TemplateRow): TemplateResponse {
  return {
    ...row.template,
    id: row.id,
    builtIn: false,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function nameTaken(name: string): HttpError {
  return BUILT_IN_TEMPLATE_NAMES.includes(name)
    ? new HttpError(409, 'conflict', `"${name}" is a built-in template name; choose another`)
    : new HttpError(409, 'conflict', `You already have a template named "${name}"`);
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23505';
}

/** Users' own templates, always read and written for one owner: another user's template is not found. */
export class UserTemplateStore {
  constructor(private readonly database: ServerDatabase) {}

  private get table(): string {
    return this.database.table('user_template');
  }

  async list(ownerId: string): Promise<TemplateResponse[]> {
    const { rows } = await this.database.query<TemplateRow>(
      `select "id", "template", "created_at", "updated_at" from ${this.table} where "owner_id" = $1 order by "name"`,
      [ownerId],
    );
    return rows.map(toResponse);
  }

  async get(ownerId: string, id: string): Promise<TemplateResponse | null> {
    const { rows } = await this.database.query<TemplateRow>(
      `select "id", "template", "created_at", "updated_at" from ${this.table} where "id" = $1 and "owner_id" = $2`,
      [id, ownerId],
    );
    return rows[0] ? toResponse(rows[0]) : null;
  }

  async findByName(ownerId: string, name: string): Promise<VideoTemplate | undefined> {
    const { rows } = await this.database.query<{ template: VideoTemplate }>(
      `select "template" from ${this.table} where "owner_id" = $1 and "name" = $2`,
      [ownerId, name],
    );
    return rows[0]?.template;
  }

  async create(ownerId: string, template: VideoTemplate): Promise<TemplateResponse> {
    if (BUILT_IN_TEMPLATE_NAMES.includes(template.name)) throw nameTaken(template.name);
    try {
      const { rows } = await this.database.query<TemplateRow>(
        `insert into ${this.table} ("id", "owner_id", "name", "template") values ($1, $2, $3, $4) returning "id", "template", "created_at", "updated_at"`,
        [randomUUID(), ownerId, template.name, JSON.stringify(template)],
      );
      return toResponse(rows[0]);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(template.name);
      throw error;
    }
  }

  /** Replaces the owner's template; null when the owner has no template with that id. */
  async replace(ownerId: string, id: string, template: VideoTemplate): Promise<TemplateResponse | null> {
    if (BUILT_IN_TEMPLATE_NAMES.includes(template.name)) throw nameTaken(template.name);
    try {
      const { rows } = await this.database.query<TemplateRow>(
        `update ${this.table} set "name" = $3, "template" = $4, "updated_at" = now() where "id" = $1 and "owner_id" = $2
          returning "id", "template", "created_at", "updated_at"`,
        [id, ownerId, template.name, JSON.stringify(template)],
      );
      return rows[0] ? toResponse(rows[0]) : null;
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(template.name);
      throw error;
    }
  }

  async delete(ownerId: string, id: string): Promise<boolean> {
    const { rowCount } = await this.database.query(`delete from ${this.table} where "id" = $1 and "owner_id" = $2`, [
      id,
      ownerId,
    ]);
    return rowCount > 0;
  }

  /** Applies the brief's template, looking a name up among the owner's templates, then the built-in ones. */
  async resolveBrief(ownerId: string, body: BriefRequest): Promise<BriefInput> {
    const reference = body.template;
    const own =
      typeof reference === 'string' && !BUILT_IN_TEMPLATE_NAMES.includes(reference)
        ? await this.findByName(ownerId, reference)
        : undefined;
    return resolveBriefTemplate(body, (name) => (own && own.name === name ? own : undefined));
  }
}
