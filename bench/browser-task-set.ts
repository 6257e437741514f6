import type { Page } from '@playwright/test';
import type { AlphaUmiRoles, BackboneRoles } from '../src/agent/run-options.ts';
import { type ModelManifest, type ModelRole, modelForRole } from '../src/catalog/model-manifest.ts';
import type { AgentTools } from '../src/cli/agent-tools.ts';
import { startBrowserSession } from '../src/engines/wllama/testing/browser-session.ts';
import type { PageEngine } from '../src/engines/wllama/testing/page-engine.ts';
import type { PageGeneration } from './page-timer.ts';
import { requestOverheadMs } from './request-overhead.ts';
import { NO_OVERLAP, type SetSummary, type TaskBreakdown, timeTaskSet } from './task-set.ts';

/** The page module that times generations, as the dev server serves it. */
const TIMER_MODULE = '/bench/page-timer.ts';

/** Loads the timer into the harness page (the dev server compiles it like any source file). */
async function installTimer(page: Page): Promise<void> {
  await page.evaluate(async (url) => {
    const timer = (await import(/* @vite-ignore */ url)) as typeof import('./page-timer.ts');
    timer.installGenerationTimer();
  }, TIMER_MODULE);
}

/** The generations that ended in the page since the last call. */
async function takeGenerations(page: Page): Promise<PageGeneration[]> {
  return page.evaluate(() => window.umiBenchTimer?.take() ?? []);
}

/**
 * The task's Node↔page messaging: its model steps' time as the agent measured it in Node, less the
 * same generations' time in the page. It lies inside `modelMs` (the agent times a step around the
 * engine's stream), never in orchestration. Left out when the page ran other generations than the
 * task's steps (a generation that failed is no step), since the difference would then mean nothing.
 */
async function withPageMessaging(page: Page, task: TaskBreakdown): Promise<TaskBreakdown> {
  const generations = await takeGenerations(page);
  if (generations.length !== task.modelSteps) return task;
  const pageMs = generations.reduce((total, generation) => total + generation.pageMs, 0);
  const stepMs = task.steps.reduce((total, step) => total + step.durationMs, 0);
  return { ...task, pageMessagingMs: Math.max(0, stepMs - pageMs) };
}

/**
 * The task set in headless Chromium: the α-UMi role GGUFs and the backbone GGUF of the manifest each
 * in a wllama engine (CPU, 1 thread) in one page, driven from Node (PageEngine), with `runAgent` in
 * Node against the in-process demo API, greedy — the three α-UMi models with overlap, a second
 * instance of them without, then the backbone (each set on models no other set used).
 */
export async function browserTaskSets(
  tasks: readonly string[],
  manifest: ModelManifest,
  tools: AgentTools,
  /** A prompt to time one cached request with (on the backbone, after the sets). */
  prompt: string,
): Promise<{ sets: { mode: string; summary: SetSummary }[]; requestOverheadMs: number }> {
  const session = await startBrowserSession();
  try {
    await installTimer(session.page);
    const load = async (role: ModelRole): Promise<PageEngine> => {
      const entry = modelForRole(manifest, role);
      const engine = await session.engine({
        modelId: entry.id,
        url: `${session.baseUrl}models/${entry.file}`,
        entry,
        contextSize: entry.context,
      });
      await engine.load();
      return engine;
    };
    const alphaUmi: AlphaUmiRoles = {
      planner: await load('planner'),
      caller: await load('caller'),
      summarizer: await load('summarizer'),
    };
    const serial: AlphaUmiRoles = {
      planner: await load('planner'),
      caller: await load('caller'),
      summarizer: await load('summarizer'),
    };
    const backbone: BackboneRoles = { backbone: await load('backbone') };
    await takeGenerations(session.page);
    const annotate = (task: TaskBreakdown) => withPageMessaging(session.page, task);
    const { tools: list, fetch } = tools;
    const sets = [
      { mode: 'α-UMi', summary: await timeTaskSet(tasks, alphaUmi, list, fetch, annotate) },
      { mode: NO_OVERLAP, summary: await timeTaskSet(tasks, serial, list, fetch, annotate, false) },
      { mode: 'backbone', summary: await timeTaskSet(tasks, backbone, list, fetch, annotate) },
    ];
    return { sets, requestOverheadMs: await requestOverheadMs(backbone.backbone, prompt) };
  } finally {
    await session.close();
  }
}
