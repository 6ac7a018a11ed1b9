import { detectFramework, type Framework, frameworkList, withArticle } from './detect-framework.js';
import { CliError } from './errors.js';

/** The app the CLI found in a module. */
export interface FoundApp {
  app: unknown;
  framework: Framework;
  exportName: string;
}

/**
 * Picks the app out of a module's exports: the named export when one is asked
 * for (`app.ts:server`), else `default`, else the only export that is a
 * framework instance. A factory is not called: export the app itself.
 */
export function findApp(module: Record<string, unknown>, file: string, exportName?: string): FoundApp {
  const names = Object.keys(module).filter((name) => name !== '__esModule' && name !== 'module.exports');
  if (exportName !== undefined) {
    if (!Object.hasOwn(module, exportName)) {
      throw new CliError(`${file} has no export named "${exportName}". Its exports: ${describe(names)}.`);
    }
    return withFramework(module[exportName], exportName, file);
  }
  const fallbackDefault = module.default;
  // CommonJS `module.exports = app` arrives as the default export.
  if (fallbackDefault !== undefined && detectFramework(fallbackDefault))
    return withFramework(fallbackDefault, 'default', file);
  const candidates = names.filter((name) => name !== 'default' && detectFramework(module[name]));
  if (candidates.length === 1) return withFramework(module[candidates[0]!], candidates[0]!, file);
  if (candidates.length > 1) {
    throw new CliError(
      `${file} exports several apps (${candidates.join(', ')}); pick one with ${file}:<export>, e.g. ${file}:${candidates[0]}.`,
    );
  }
  throw new CliError(
    `No ${frameworkList()} app found among the exports of ${file} (${describe(names)}). ` +
      'Export the app instance (default or named), or name it with <file>:<export>.',
  );
}

function withFramework(app: unknown, exportName: string, file: string): FoundApp {
  const framework = detectFramework(app);
  if (!framework) {
    throw new CliError(
      `The export "${exportName}" of ${file} is not ${withArticle(frameworkList())} app; pass --framework if it is one.`,
    );
  }
  return { app, framework, exportName };
}

function describe(names: string[]): string {
  return names.length > 0 ? names.join(', ') : 'none';
}
