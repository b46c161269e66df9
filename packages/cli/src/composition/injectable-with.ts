import 'reflect-metadata';
import { inject, injectable, type InjectionToken } from 'tsyringe';

type Constructor = new (...parameters: never[]) => unknown;

/**
 * `@injectable()` on `target` with an explicit `@inject(tokens[i])` on each constructor parameter,
 * applied as calls rather than decorator syntax: tsx (esbuild) compiles parameter decorators only when
 * the working directory's tsconfig enables `experimentalDecorators`, and `looply` runs from any folder.
 * The metadata tsyringe records is the same as with the decorators.
 */
export function injectableWith<Target extends Constructor>(target: Target, tokens: readonly InjectionToken[]): Target {
  tokens.forEach((token, index) => inject(token)(target, undefined, index));
  injectable()(target);
  return target;
}
