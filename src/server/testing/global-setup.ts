// Vitest globalSetup (vitest.config.ts): builds the migrated and the demo-loaded template databases
// once per run, before any test file starts, and removes them at the end. Each file's
// createTestApp() then starts from a copy (template-database.ts).
import type { TestProject } from 'vitest/node';
import { buildTemplates, type TemplateSet } from './template-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    vfTemplates: TemplateSet;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { templates, dispose } = await buildTemplates();
  project.provide('vfTemplates', templates);
  return dispose;
}
