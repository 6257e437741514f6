import { createStore, type StoreApi } from 'zustand/vanilla';
import { toErrorData, UserError } from '../agent/errors.ts';
import { runAgent } from '../agent/run-agent.ts';
import { alphaUmiProfile } from '../agent/run-options.ts';
import type { Trajectory } from '../agent/trajectory.ts';
import { MODEL_ROLES, type ModelManifest, type ModelRole } from '../catalog/model-manifest.ts';
import type { Engine } from '../engines/engine.ts';
import { type ConfirmationRequest, createHttpExecutor } from '../tools/execute/http-executor.ts';
import { createInPageExecutor, routeCalls } from '../tools/in-page/in-page-executor.ts';
import { inPageTool } from '../tools/in-page/in-page-tool.ts';
import { withPageTools } from '../tools/in-page/page-tool-set.ts';
import {
  type AgentState,
  type AgentWorld,
  activeSlots,
  type ClaimedModels,
  currentMode,
  type RoleModelState,
} from './agent-state.ts';
import { loadModelCatalog } from './model-catalog.ts';
import { type ImportedTools, importSavedTools, importTools, toolsToSave } from './tool-source.ts';

const idleModel = (): RoleModelState => ({
  id: '',
  status: 'idle',
  progress: undefined,
  error: '',
  device: '',
  bytes: 0,
});

/** Creates the agent store: it owns the engines and the abort controller of the current run. */
export function createAgentStore(world: AgentWorld): StoreApi<AgentState> {
  const fetchImpl = world.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = world.baseUrl ?? globalThis.location?.href ?? 'http://localhost/';
  const engines = new Map<ModelRole, Engine>();
  let controller: AbortController | undefined;
  let preparing: Promise<void> | undefined;
  const manifestUrl = new URL(world.manifestUrl ?? '/models/manifest.json', base).href;
  const presetsUrl = new URL(world.presetsUrl ?? 'presets.json', manifestUrl).href;
  const demoApi =
    world.openApiUrl === null ? undefined : new URL(world.openApiUrl ?? '/demo-api/openapi.json', base).href;

  return createStore<AgentState>()((set, get) => {
    const setModel = (role: ModelRole, change: Partial<RoleModelState>) =>
      set((state) => ({ models: { ...state.models, [role]: { ...state.models[role], ...change } } }));

    /** Puts `modelId` in `slot`: the slot's engine is unloaded when its model changes. */
    const assign = async (slot: ModelRole, modelId: string) => {
      const entry = get().manifest?.models.find((model) => model.id === modelId);
      if (entry === undefined) return;
      if (get().models[slot].id === modelId && get().models[slot].status !== 'error') return;
      const engine = engines.get(slot);
      engines.delete(slot);
      setModel(slot, { ...idleModel(), id: entry.id, bytes: entry.bytes });
      await engine?.unload();
    };

    /** Where the current tools came from, to save them with the operations switched off. */
    let currentSource: Pick<ImportedTools, 'source' | 'label'> | undefined;
    const applyTools = (imported: ImportedTools) => {
      currentSource = imported;
      set({
        tools: imported.tools,
        disabled: imported.disabled,
        toolsSource: imported.label,
        toolProblems: imported.problems,
      });
    };
    const saveTools = () => {
      if (currentSource !== undefined)
        world.settings?.getState().saveTools(toolsToSave(currentSource, get().disabled));
    };

    const loadSlot = async (manifest: ModelManifest, slot: ModelRole) => {
      const entry = manifest.models.find((model) => model.id === get().models[slot].id);
      if (entry === undefined)
        throw new Error(`No model is chosen for the ${slot}; pick one in the model panel.`);
      setModel(slot, { status: 'loading', progress: { fraction: 0 }, error: '', bytes: entry.bytes });
      try {
        const engine = engines.get(slot) ?? world.createEngine(entry, new URL(entry.file, manifestUrl).href);
        engines.set(slot, engine);
        await engine.load({ onProgress: (progress) => setModel(slot, { progress }) });
        setModel(slot, { status: 'ready', progress: { fraction: 1 }, device: engine.device ?? '' });
      } catch (error) {
        setModel(slot, { status: 'error', error: toErrorData(error).message });
        throw error;
      }
    };

    /**
     * A model whose engine unloaded itself during a run (its worker crashed or stopped answering) is
     * shown as failed, so that the panel offers to load it again and the next run loads it first.
     */
    const noteLostModels = () => {
      for (const slot of MODEL_ROLES) {
        const engine = engines.get(slot);
        const model = get().models[slot];
        if (engine === undefined || engine.loaded || model.status !== 'ready') continue;
        setModel(slot, {
          status: 'error',
          progress: undefined,
          device: '',
          error: `${model.id} stopped working (its engine crashed or stopped answering) and was unloaded. Load the models again.`,
        });
      }
    };

    /** Fills the slots from a preset; slots the preset's mode does not use give their memory back. */
    const applyPreset = async (id: string) => {
      const preset = get().presets.find((item) => item.id === id);
      if (preset === undefined) return;
      set({ presetId: id });
      for (const slot of MODEL_ROLES) {
        const modelId = preset.models[slot];
        if (modelId !== undefined) await assign(slot, modelId);
        else if (engines.has(slot)) {
          // Slots the new mode does not use give their memory back.
          const engine = engines.get(slot);
          engines.delete(slot);
          setModel(slot, { status: 'idle', progress: undefined, device: '' });
          await engine?.unload();
        }
      }
    };

    /** The engines runs use now: role models loaded elsewhere, or the slots' models of the current mode. */
    const currentModels = (): ClaimedModels => {
      const external = get().external;
      const engine = (slot: ModelRole) => engines.get(slot) as Engine;
      const roles =
        external !== undefined
          ? external.roles
          : currentMode(get()) === 'backbone'
            ? { backbone: engine('backbone') }
            : { planner: engine('planner'), caller: engine('caller'), summarizer: engine('summarizer') };
      const manifest = get().manifest;
      const profile =
        external?.profile ?? alphaUmiProfile(manifest?.systemPrefix ?? true, manifest?.answerVocabulary);
      return { roles, profile };
    };
    /** Whether the slots' models must be loaded before they can be used. */
    const needsLoading = () =>
      get().external === undefined &&
      activeSlots(get()).some((slot) => get().models[slot].status !== 'ready');
    /** Refuses to start while an evaluation holds the models. */
    const claimed = () => {
      const holder = get().claimedBy;
      if (holder !== '')
        report(new UserError(`The models are busy with ${holder}: stop it first, then try again.`));
      return holder !== '';
    };

    let catalog: Promise<void> | undefined;
    /** Shows a problem and tells the world about it. */
    const report = (error: unknown) => {
      const data = toErrorData(error);
      set({ problem: data.message });
      world.onProblem?.(data);
    };

    return {
      manifest: undefined,
      presets: [],
      presetId: '',
      models: Object.fromEntries(MODEL_ROLES.map((role) => [role, idleModel()])) as Record<
        ModelRole,
        RoleModelState
      >,
      preparing: false,
      loadStartedAt: undefined,
      tools: [],
      pageTools: [],
      disabled: [],
      toolsSource: '',
      toolProblems: [],
      running: false,
      claimedBy: '',
      confirmation: undefined,
      problem: '',
      external: undefined,
      useExternalRoles(external) {
        if (!get().running && get().claimedBy === '') set({ external, problem: '' });
      },
      loadCatalog() {
        catalog ??= (async () => {
          const { manifest, presets } = await loadModelCatalog(fetchImpl, manifestUrl, presetsUrl);
          set({ manifest, presets });
          const wanted = world.preset;
          const first = wanted === undefined ? presets[0] : presets.find((preset) => preset.id === wanted);
          if (first === undefined && wanted !== undefined)
            throw new UserError(
              `There is no model preset "${wanted}" in ${presetsUrl}; use one of: ${presets.map((preset) => preset.id).join(', ')}.`,
            );
          if (first !== undefined && get().presetId === '') await applyPreset(first.id);
        })().catch((error: unknown) => {
          catalog = undefined;
          throw error;
        });
        return catalog;
      },
      prepare() {
        // One preparation at a time; a run started meanwhile waits for the same one.
        preparing ??= (async () => {
          set({ preparing: true, problem: '', loadStartedAt: Date.now() });
          try {
            await get().loadCatalog();
            const manifest = get().manifest as ModelManifest;
            // Role models loaded elsewhere (the GPU) stand in for the slots' models.
            if (get().external === undefined)
              for (const slot of activeSlots(get())) {
                if (get().models[slot].status !== 'ready') await loadSlot(manifest, slot);
              }
            if (get().tools.length === 0) {
              await world.settings?.getState().hydrate();
              const saved = world.settings?.getState().savedTools;
              if (saved !== undefined || demoApi !== undefined) {
                const { imported, problem } = await importSavedTools(fetchImpl, saved, demoApi ?? '');
                applyTools(imported);
                if (problem !== '') throw new Error(problem);
              }
            }
          } catch (error) {
            report(error);
          } finally {
            preparing = undefined;
            set({ preparing: false });
          }
        })();
        return preparing;
      },
      async choosePreset(id) {
        if (get().running || preparing !== undefined || claimed()) return;
        await applyPreset(id);
      },
      async setSlotModel(slot, modelId) {
        if (get().running || preparing !== undefined || !activeSlots(get()).includes(slot) || claimed())
          return;
        await assign(slot, modelId);
      },
      async run(task, options = {}) {
        if (get().running || claimed()) return undefined;
        if (needsLoading() || (get().tools.length === 0 && demoApi !== undefined)) {
          await get().prepare();
          if (get().problem !== '') return undefined;
        }
        const { roles, profile } = currentModels();
        const sessions = world.sessions.getState();
        const previous = options.followUp
          ? (await sessions.wholeRun(sessions.activeId))?.trajectory
          : undefined;
        controller = new AbortController();
        const pageTools = get().pageTools;
        const restTools = get().tools.filter((tool) => !get().disabled.includes(tool.name));
        const tools = withPageTools(restTools, pageTools.map(inPageTool));
        if (tools.length === 0) {
          report(
            new UserError(
              get().tools.length > 0
                ? 'Every tool is switched off: enable at least one in the tool manager.'
                : 'There are no tools: import an OpenAPI document, or register a page function as a tool.',
            ),
          );
          return undefined;
        }
        const settings = world.settings?.getState();
        const askUser = (request: ConfirmationRequest) =>
          new Promise<boolean>((resolve) =>
            set({
              confirmation: {
                request,
                answer: (allowed) => {
                  set({ confirmation: undefined });
                  resolve(allowed);
                },
              },
            }),
          );
        // Read at each call, so a policy changed during a run applies to its next call.
        const confirmPerPolicy = async (request: ConfirmationRequest) => {
          const policy = world.settings?.getState().confirmPolicy ?? 'ask';
          return policy === 'ask' ? askUser(request) : policy === 'allow';
        };
        const rest = createHttpExecutor({
          tools: restTools,
          fetch: fetchImpl,
          confirm: confirmPerPolicy,
          ...(settings === undefined ? {} : { secrets: settings.secrets }),
        });
        const page = createInPageExecutor({ tools: pageTools, confirm: confirmPerPolicy });
        set({ running: true, problem: '' });
        let trajectory: Trajectory | undefined;
        try {
          const events = runAgent({
            task,
            tools,
            roles,
            execute: routeCalls(new Set(pageTools.map((tool) => tool.name)), page, rest),
            signal: controller.signal,
            profile,
            ...(world.overlap === undefined ? {} : { overlap: world.overlap }),
            ...(previous === undefined ? {} : { previous }),
          });
          for await (const event of events) {
            if (event.type === 'run-end') trajectory = event.trajectory;
            world.sessions.getState().apply(event);
            world.onEvent?.(event);
          }
        } catch (error) {
          report(error);
        } finally {
          controller = undefined;
          noteLostModels();
          set({ running: false, confirmation: undefined });
        }
        return trajectory;
      },
      registerPageTool(definition) {
        inPageTool(definition);
        set((state) => ({
          pageTools: [...state.pageTools.filter((tool) => tool.name !== definition.name), definition],
        }));
      },
      removePageTool(name) {
        set((state) => ({ pageTools: state.pageTools.filter((tool) => tool.name !== name) }));
      },
      async dispose() {
        get().stop();
        const unloading = [...engines.values()].map((engine) => engine.unload().catch(() => undefined));
        engines.clear();
        set((state) => ({
          models: Object.fromEntries(
            MODEL_ROLES.map((role) => [
              role,
              { ...idleModel(), id: state.models[role].id, bytes: state.models[role].bytes },
            ]),
          ) as Record<ModelRole, RoleModelState>,
        }));
        await Promise.all(unloading);
      },
      async importTools(source, label) {
        const where = label ?? ('text' in source ? 'the pasted document' : source.url);
        try {
          applyTools(await importTools(fetchImpl, source, where));
          set({ problem: '' });
          saveTools();
        } catch (error) {
          report(error);
        }
      },
      setToolEnabled(name, enabled) {
        set((state) => ({
          disabled: enabled
            ? state.disabled.filter((item) => item !== name)
            : [...new Set([...state.disabled, name])],
        }));
        saveTools();
      },
      stop() {
        get().confirmation?.answer(false);
        controller?.abort();
      },
      async claimModels(purpose) {
        if (get().running) {
          report(new UserError('A task is running: stop it or wait for its answer, then try again.'));
          return undefined;
        }
        if (claimed()) return undefined;
        set({ claimedBy: purpose, problem: '' });
        if (needsLoading()) {
          await get().prepare();
          if (needsLoading()) {
            set({ claimedBy: '' });
            return undefined;
          }
        }
        return currentModels();
      },
      releaseModels() {
        noteLostModels();
        set({ claimedBy: '' });
      },
    };
  });
}
