import { type ErrorData, toErrorData } from '../../src/agent/errors.ts';
import { runAgent } from '../../src/agent/run-agent.ts';
import type { Trajectory } from '../../src/agent/trajectory.ts';
import { type ModelRole, modelForRole, parseModelManifest } from '../../src/catalog/model-manifest.ts';
import { WllamaEngine } from '../../src/engines/wllama/wllama-engine.ts';
import { createHttpExecutor } from '../../src/tools/execute/http-executor.ts';
import { importOpenApi } from '../../src/tools/import/openapi-import.ts';

/** What the agent e2e spec asks the page to do. */
export interface AgentRunRequest {
  task: string;
  /** Default `/models/manifest.json`. */
  manifestUrl?: string;
  /** Default `/demo-api/openapi.json`. */
  openApiUrl?: string;
  maxSteps?: number;
}

/** One role model as the page loaded it. */
export interface LoadedModelReport {
  role: ModelRole;
  id: string;
  loadMs: number;
  contextLength: number;
}

/** What happened, as plain data for the spec: the loaded models and the whole trajectory (or why it failed early). */
export interface AgentRunReport {
  manifestName?: string;
  models: LoadedModelReport[];
  /** The names of the tools imported from the OpenAPI document. */
  tools?: string[];
  trajectory?: Trajectory;
  /** A failure before the run started (manifest, model loading, tool import). */
  error?: ErrorData;
}

const ROLES = ['planner', 'caller', 'summarizer'] as const;

/** Loads the manifest's role models through wllama, imports the demo API's tools and runs the α-UMi loop greedily. */
async function runAgentInPage(request: AgentRunRequest): Promise<AgentRunReport> {
  const report: AgentRunReport = { models: [] };
  const engines: WllamaEngine[] = [];
  try {
    const manifestUrl = new URL(request.manifestUrl ?? '/models/manifest.json', location.href).href;
    const response = await fetch(manifestUrl);
    if (!response.ok) throw new Error(`${manifestUrl} answered HTTP ${response.status}`);
    const manifest = parseModelManifest(await response.json(), manifestUrl);
    report.manifestName = manifest.name;
    for (const role of ROLES) {
      const entry = modelForRole(manifest, role, manifestUrl);
      const engine = new WllamaEngine({
        modelId: entry.id,
        url: new URL(entry.file, manifestUrl).href,
        entry,
      });
      engines.push(engine);
      const started = performance.now();
      await engine.load();
      const loadMs = Math.round(performance.now() - started);
      report.models.push({ role, id: entry.id, loadMs, contextLength: engine.capabilities.contextLength });
    }
    const [planner, caller, summarizer] = engines as [WllamaEngine, WllamaEngine, WllamaEngine];
    const openApiUrl = new URL(request.openApiUrl ?? '/demo-api/openapi.json', location.href).href;
    const { tools, problems } = await importOpenApi({ url: openApiUrl }, { fetch });
    report.tools = tools.map((tool) => tool.name);
    if (tools.length === 0)
      throw new Error(
        `No tools from ${openApiUrl}: ${problems.map((problem) => problem.message).join('; ')}`,
      );
    const run = runAgent({
      task: request.task,
      tools,
      roles: { planner, caller, summarizer },
      execute: createHttpExecutor({ tools, fetch }),
      profile: { kind: 'alpha-umi', systemPrefix: manifest.systemPrefix },
      ...(request.maxSteps === undefined ? {} : { maxSteps: request.maxSteps }),
    });
    for await (const event of run) if (event.type === 'run-end') report.trajectory = event.trajectory;
  } catch (error) {
    report.error = toErrorData(error);
  } finally {
    await Promise.all(engines.map((engine) => engine.unload()));
  }
  return report;
}

/** The agent host a harness page installs on `window.umiAgentHost`. */
export interface AgentHost {
  run(request: AgentRunRequest): Promise<AgentRunReport>;
}

declare global {
  interface Window {
    umiAgentHost: AgentHost;
  }
}

/** Installs the agent host on the page. */
export function installAgentHost(): AgentHost {
  window.umiAgentHost = { run: runAgentInPage };
  return window.umiAgentHost;
}
