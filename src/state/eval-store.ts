import { createStore, type StoreApi } from 'zustand/vanilla';
import { groundedAnswerConstraint } from '../agent/answer-grammar.ts';
import { toErrorData, UserError } from '../agent/errors.ts';
import type { ModelRole } from '../agent/trajectory.ts';
import { sha256Hex } from '../catalog/verify-model.ts';
import { GREEDY } from '../engines/engine.ts';
import { createCallerConstraints } from '../eval/caller-constraint.ts';
import { datasetText, parseDataset } from '../eval/dataset-text.ts';
import { type EvalDatasetEntry, parseEvalDatasets } from '../eval/eval-datasets.ts';
import { stepRecord } from '../eval/step-record.ts';
import { EVAL_MAX_TOKENS, runStepOrFail, type StepSettings } from '../eval/step-runner.ts';
import { type Dialogue, type EvalStep, extractSteps } from '../eval/steps.ts';
import type { AgentState, ClaimedModels } from './agent-state.ts';
import { type Decoding, type EvalRun, type EvalRunDataset, scoreRun } from './eval-run.ts';
import type { EvalStorage } from './eval-storage.ts';
import { connectEvalStorage } from './eval-store-storage.ts';

/** A test file read and checked, ready to run. */
export interface LoadedDataset {
  /** The catalog id, or `upload:<file name>`. */
  id: string;
  label: string;
  dialogues: Dialogue[];
  sha256: string;
}

/** The eval page: a test set, the settings, the runs (kept in storage across reloads) and the one shown. */
export interface EvalState {
  datasets: EvalDatasetEntry[];
  dataset: LoadedDataset | undefined;
  loadingDataset: boolean;
  /** Evaluate only the first N dialogues (0: all). */
  limit: number;
  decoding: Decoding;
  /** The run in progress, if any (also in `runs`). */
  runningId: string | undefined;
  /** Newest first. */
  runs: EvalRun[];
  /** The run shown, and the one drawn beside it. */
  activeRunId: string | undefined;
  compareRunId: string | undefined;
  /** The step of the shown run opened in the trajectory viewer. */
  openStep: number | undefined;
  /** What went wrong, in words the user can act on ('' when nothing). */
  problem: string;
  /** Reads the stored runs (once; the store starts it when created): a run cut off by a reload comes back stopped. */
  loadRuns(): Promise<void>;
  /** Reads the catalog of test sets (once). */
  loadCatalog(): Promise<void>;
  /** Reads one of the catalog's test sets. */
  chooseDataset(id: string): Promise<void>;
  /** Reads a ToolBench-format file of the user's (JSON, or gzipped JSON). */
  uploadDataset(name: string, bytes: Uint8Array): Promise<void>;
  setLimit(limit: number): void;
  setDecoding(decoding: Decoding): void;
  /** Runs the current models on every step of the chosen dialogues, teacher-forced and greedy. */
  start(): Promise<void>;
  stop(): void;
  /** Deletes a run that is not in progress, from the page and from storage; it stops being shown or compared. */
  deleteRun(id: string): void;
  selectRun(id: string): void;
  compareWith(id: string | undefined): void;
  openStepAt(index: number | undefined): void;
  /** Writes are made in order; this resolves when every write asked so far has finished. */
  flushed(): Promise<void>;
}

/** What the eval store needs from the world; the app passes the browser's. */
export interface EvalWorld {
  agent: StoreApi<AgentState>;
  /** Where runs are kept: `indexedDbEvalStorage()` in the browser, `memoryEvalStorage()` in tests. */
  storage: EvalStorage;
  /** The URL a catalog file (a repository path) is served at. */
  datasetUrl(file: string): string;
  catalogUrl?: string;
  fetch?: typeof fetch;
  now?: () => number;
  newId?: () => string;
  /** Metrics are scored again at most this often while a run goes (every step for tests). */
  scoreEveryMs?: number;
  /** A run in progress is written at most this often (default 5 s), and when it starts and ends. */
  saveEveryMs?: number;
}

/** Creates the eval store and starts reading the stored runs; it owns the abort controller of the run in progress. */
export function createEvalStore(world: EvalWorld): StoreApi<EvalState> {
  const store = createEvalState(world);
  void store.getState().loadRuns();
  return store;
}

function createEvalState(world: EvalWorld): StoreApi<EvalState> {
  const fetchImpl = world.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = world.now ?? (() => Date.now());
  const newId = world.newId ?? (() => crypto.randomUUID());
  const catalogUrl = world.catalogUrl ?? '/models/eval-datasets.json';
  const scoreEveryMs = world.scoreEveryMs ?? 1000;
  const saveEveryMs = world.saveEveryMs ?? 5000;
  let controller: AbortController | undefined;
  let catalog: Promise<void> | undefined;

  return createStore<EvalState>()((set, get) => {
    const report = (error: unknown) => set({ problem: toErrorData(error).message });
    const stored = connectEvalStorage(world.storage, get, set);
    const clearProblem = () => set({ problem: stored.problem() });
    const updateRun = (id: string, change: (run: EvalRun) => EvalRun) =>
      set((state) => ({ runs: state.runs.map((run) => (run.id === id ? change(run) : run)) }));

    const readDataset = async (id: string, label: string, bytes: Uint8Array, where: string) => {
      const text = await datasetText(bytes, where);
      const dialogues = parseDataset(text, where);
      if (extractSteps(dialogues).length === 0)
        throw new UserError(`${where} has no planner steps to evaluate (no "Next: …" assistant turns).`);
      set({ dataset: { id, label, dialogues, sha256: await sha256Hex(new TextEncoder().encode(text)) } });
      clearProblem();
    };

    const loading = async (work: () => Promise<void>) => {
      if (get().runningId !== undefined) return;
      set({ loadingDataset: true });
      clearProblem();
      try {
        await work();
      } catch (error) {
        report(error);
      } finally {
        set({ loadingDataset: false });
      }
    };

    /** The step settings for the claimed models and the chosen decoding (greedy, `umi eval`'s budgets). */
    const stepSettings = (models: ClaimedModels, signal: AbortSignal): StepSettings => {
      const { roles, profile } = models;
      const caller = 'caller' in roles ? roles.caller : undefined;
      const grammar = get().decoding !== 'free' && caller?.capabilities.grammar === true;
      const grounded = get().decoding === 'grounded';
      const summarizer = 'summarizer' in roles ? roles.summarizer : undefined;
      return {
        roles,
        systemPrefix: profile.kind === 'alpha-umi' ? profile.systemPrefix : true,
        sampling: GREEDY,
        maxTokens: EVAL_MAX_TOKENS,
        plannerAttempts: 1,
        now,
        signal,
        ...(grammar ? { callerConstraint: createCallerConstraints(grounded) } : {}),
        ...(grounded && summarizer?.capabilities.grammar === true
          ? {
              summarizerConstraint: (history) =>
                groundedAnswerConstraint(
                  history,
                  profile.kind === 'alpha-umi' ? profile.answerVocabulary : undefined,
                ),
            }
          : {}),
      };
    };

    const runSteps = async (run: EvalRun, settings: StepSettings, signal: AbortSignal) => {
      let records = run.records;
      let elapsed = 0;
      let scoredAt = now();
      let savedAt = now();
      for (let index = 0; index < run.steps.length && !signal.aborted; index++) {
        const step = run.steps[index] as EvalStep;
        const started = now();
        const outcome = await runStepOrFail(step, settings);
        elapsed += now() - started;
        records = [...records, stepRecord(index, step, outcome)];
        const last = index === run.steps.length - 1;
        const rescore = last || now() - scoredAt >= scoreEveryMs;
        if (rescore) scoredAt = now();
        const recorded = records;
        const spent = elapsed;
        updateRun(run.id, (current) => ({
          ...current,
          records: recorded,
          elapsedMs: spent,
          ...(rescore ? { results: scoreRun(current.steps, recorded) } : {}),
        }));
        if (now() - savedAt >= saveEveryMs) {
          savedAt = now();
          stored.save([run.id]);
        }
      }
    };

    return {
      datasets: [],
      dataset: undefined,
      loadingDataset: false,
      limit: 0,
      decoding: 'grounded',
      runningId: undefined,
      runs: [],
      activeRunId: undefined,
      compareRunId: undefined,
      openStep: undefined,
      problem: '',
      loadRuns() {
        return stored.load();
      },
      loadCatalog() {
        catalog ??= (async () => {
          const response = await fetchImpl(catalogUrl);
          if (!response.ok)
            throw new Error(`The list of test sets ${catalogUrl} answered HTTP ${response.status}.`);
          set({ datasets: parseEvalDatasets(await response.json(), catalogUrl) });
        })().catch((error: unknown) => {
          catalog = undefined;
          report(error);
        });
        return catalog;
      },
      chooseDataset(id) {
        return loading(async () => {
          const entry = get().datasets.find((item) => item.id === id);
          if (entry === undefined) throw new UserError(`There is no test set "${id}" in ${catalogUrl}.`);
          const url = world.datasetUrl(entry.file);
          const response = await fetchImpl(url);
          if (!response.ok)
            throw new Error(`The test set ${entry.label} (${url}) answered HTTP ${response.status}.`);
          await readDataset(entry.id, entry.label, new Uint8Array(await response.arrayBuffer()), entry.file);
        });
      },
      uploadDataset(name, bytes) {
        return loading(() => readDataset(`upload:${name}`, name, bytes, name));
      },
      setLimit(limit) {
        set({ limit: Number.isInteger(limit) && limit > 0 ? limit : 0 });
      },
      setDecoding(decoding) {
        set({ decoding });
      },
      async start() {
        const dataset = get().dataset;
        if (get().runningId !== undefined) return;
        if (dataset === undefined) {
          report(new UserError('Choose a test set (or upload one) first.'));
          return;
        }
        const agent = world.agent.getState();
        clearProblem();
        const models = await agent.claimModels('an evaluation');
        if (models === undefined) {
          report(new UserError(world.agent.getState().problem || 'The models could not be loaded.'));
          return;
        }
        controller = new AbortController();
        const signal = controller.signal;
        try {
          if (models.profile.kind === 'chat')
            throw new UserError(
              "These role models use the chat prompts; the evaluation replays α-UMi's own prompt format (SPEC §3–§5). Evaluate α-UMi-format models: the embedded ones, or a remote server with α-UMi prompts.",
            );
          const limit = get().limit;
          const dialogues = limit > 0 ? dataset.dialogues.slice(0, limit) : dataset.dialogues;
          const settings = stepSettings(models, signal);
          const runDataset: EvalRunDataset = {
            id: dataset.id,
            label: dataset.label,
            sha256: dataset.sha256,
            dialogues: dialogues.length,
            totalDialogues: dataset.dialogues.length,
          };
          const roleModels = Object.fromEntries(
            Object.entries(models.roles).map(([role, engine]) => [role, engine.modelId]),
          ) as Partial<Record<ModelRole, string>>;
          const run: EvalRun = {
            id: newId(),
            dataset: runDataset,
            mode: 'backbone' in models.roles ? 'backbone' : 'alpha-umi',
            models: roleModels,
            decoding: get().decoding,
            systemPrefix: settings.systemPrefix,
            callerConstrained: settings.callerConstraint !== undefined,
            status: 'running',
            startedAt: now(),
            elapsedMs: 0,
            steps: extractSteps(dialogues),
            records: [],
            results: scoreRun([], []),
          };
          set((state) => ({
            runs: [run, ...state.runs],
            runningId: run.id,
            activeRunId: run.id,
            compareRunId: state.activeRunId,
            openStep: undefined,
          }));
          stored.save([run.id], { isNew: true });
          try {
            await runSteps(run, settings, signal);
            updateRun(run.id, (current) => ({
              ...current,
              status: signal.aborted ? 'stopped' : 'done',
              finishedAt: now(),
              results: scoreRun(current.steps, current.records),
            }));
          } catch (error) {
            const stopped = signal.aborted;
            if (!stopped) report(error);
            updateRun(run.id, (current) => ({
              ...current,
              status: stopped ? 'stopped' : 'failed',
              ...(stopped ? {} : { error: toErrorData(error).message }),
              finishedAt: now(),
              results: scoreRun(current.steps, current.records),
            }));
          }
          stored.save([run.id]);
        } catch (error) {
          report(error);
        } finally {
          controller = undefined;
          set({ runningId: undefined });
          world.agent.getState().releaseModels();
        }
      },
      stop() {
        controller?.abort();
      },
      deleteRun(id) {
        if (id === get().runningId) {
          report(new UserError('Stop the evaluation before deleting its run.'));
          return;
        }
        if (!get().runs.some((run) => run.id === id)) return;
        set((state) => ({
          runs: state.runs.filter((run) => run.id !== id),
          activeRunId: state.activeRunId === id ? undefined : state.activeRunId,
          compareRunId: state.compareRunId === id ? undefined : state.compareRunId,
          openStep: state.activeRunId === id ? undefined : state.openStep,
        }));
        stored.save([], { removed: [id] });
      },
      selectRun(id) {
        if (!get().runs.some((run) => run.id === id)) return;
        set((state) => ({
          activeRunId: id,
          openStep: undefined,
          compareRunId: state.compareRunId === id ? undefined : state.compareRunId,
        }));
      },
      compareWith(id) {
        set({ compareRunId: id === get().activeRunId ? undefined : id });
      },
      openStepAt(index) {
        set({ openStep: index });
      },
      flushed: () => stored.flushed(),
    };
  });
}
