import type { ChatMessage, OutputConstraint } from '../engines/engine.ts';
import type { Tool } from '../tools/tool.ts';
import { callerInput, plannerInput, summarizerInput } from './alpha-umi-prompts.ts';
import { groundedAnswerConstraint } from './answer-grammar.ts';
import { groundingOf } from './argument-grounding.ts';
import { callerGrammar, chatCallerGrammar } from './caller-grammar.ts';
import { parseChatCallerOutput, parseChatPlannerOutput } from './chat-parsers.ts';
import { chatCallerMessages, chatPlannerMessages, chatSummarizerMessages } from './chat-prompts.ts';
import { callerSchema, PLANNER_SCHEMA } from './chat-schemas.ts';
import { wholeAlphaUmiCall } from './early-call.ts';
import {
  type ParsedAction,
  type PlannerParse,
  parseCallerOutput,
  parsePlannerOutput,
} from './output-parsers.ts';
import type { AlphaUmiRoles } from './run-options.ts';
import type { Turn } from './trajectory.ts';

/** One role's model input (raw prompt or chat messages) and the constraint on its output. */
export interface RoleRequest {
  input: string | readonly ChatMessage[];
  constraint?: OutputConstraint;
}

/** How a prompt profile asks each role and reads its reply; the loop is the same for every profile. */
export interface RoleRequests {
  planner(turns: readonly Turn[]): RoleRequest;
  parsePlanner(output: string): PlannerParse;
  caller(turns: readonly Turn[]): RoleRequest;
  parseCaller(output: string): ParsedAction;
  summarizer(turns: readonly Turn[]): RoleRequest;
  /** The call in a grammar-constrained caller's output so far once no further text can change it. */
  wholeCall?(output: string): ParsedAction | undefined;
  /** A role's model input alone, without building its constraint (for warm-ups). */
  input(role: 'planner' | 'caller' | 'summarizer', turns: readonly Turn[]): RoleRequest['input'];
}

/** What the profiles' constraints depend on. */
export interface RoleRequestSettings {
  roles: AlphaUmiRoles;
  tools: readonly Tool[];
  systemPrefix: boolean;
  constrainedCaller: boolean;
  grounding: boolean;
  /** The summarizer's trained answer words (α-UMi profile): grounded answers use only these and copied ones. */
  answerVocabulary?: readonly string[];
}

/** The constraint when the engine can follow it, else none (the caller writes freely). */
function when(can: boolean, constraint: () => OutputConstraint): OutputConstraint | undefined {
  return can ? constraint() : undefined;
}

/**
 * α-UMi's raw prompts (SPEC §3); the caller under a GBNF grammar of the offered names and schemas,
 * grounded in the task and observations when asked, and the summarizer's numbers grounded too (its
 * other words and quoted texts as well, given the weights' answer vocabulary).
 */
export function alphaUmiRequests(settings: RoleRequestSettings): RoleRequests {
  const { roles, tools, grounding } = settings;
  const docs = tools.map((tool) => tool.doc);
  const options = { systemPrefix: settings.systemPrefix };
  const apis = tools.map((tool) => ({ name: tool.name, schema: tool.parameters }));
  const constrained = settings.constrainedCaller && roles.caller.capabilities.grammar && tools.length > 0;
  const ungrounded = constrained ? callerGrammar(apis) : '';
  const input: RoleRequests['input'] = (role, turns) => {
    if (role === 'planner') return plannerInput(docs, turns, options);
    if (role === 'caller') return callerInput(docs, turns, options);
    return summarizerInput(docs, turns, options);
  };
  return {
    planner: (turns) => ({ input: input('planner', turns) }),
    parsePlanner: parsePlannerOutput,
    caller: (turns) => {
      const constraint = when(constrained, () => ({
        type: 'grammar',
        grammar: grounding ? callerGrammar(apis, groundingOf(turns)) : ungrounded,
      }));
      return { input: input('caller', turns), ...(constraint ? { constraint } : {}) };
    },
    parseCaller: parseCallerOutput,
    wholeCall: wholeAlphaUmiCall,
    summarizer: (turns) => {
      const constraint = when(grounding && roles.summarizer.capabilities.grammar, () =>
        groundedAnswerConstraint(turns, settings.answerVocabulary),
      );
      return { input: input('summarizer', turns), ...(constraint ? { constraint } : {}) };
    },
    input,
  };
}

/**
 * Role system prompts for instruction-tuned models: the planner's reply constrained to a thought and
 * one of the three decisions, the caller's to an offered name with arguments valid for its schema
 * (our GBNF where the engine takes grammars, so ranges are enforced and values can be grounded; else
 * JSON Schema), the summarizer's numbers grounded when asked.
 */
export function chatRequests(settings: RoleRequestSettings): RoleRequests {
  const { roles, tools, grounding } = settings;
  const apis = tools.map((tool) => ({ name: tool.name, schema: tool.parameters }));
  const schema = callerSchema(tools);
  const constrained = settings.constrainedCaller && tools.length > 0;
  const grammar = constrained && roles.caller.capabilities.grammar;
  const ungrounded = grammar ? chatCallerGrammar(apis) : '';
  const input: RoleRequests['input'] = (role, turns) => {
    if (role === 'planner') return chatPlannerMessages(tools, turns);
    if (role === 'caller') return chatCallerMessages(tools, turns);
    return chatSummarizerMessages(turns);
  };
  return {
    planner: (turns) => {
      const constraint = when(roles.planner.capabilities.jsonSchema, () => ({
        type: 'json-schema',
        schema: PLANNER_SCHEMA,
      }));
      return { input: input('planner', turns), ...(constraint ? { constraint } : {}) };
    },
    parsePlanner: parseChatPlannerOutput,
    caller: (turns) => {
      const constraint: OutputConstraint | undefined = grammar
        ? { type: 'grammar', grammar: grounding ? chatCallerGrammar(apis, groundingOf(turns)) : ungrounded }
        : when(constrained && roles.caller.capabilities.jsonSchema, () => ({ type: 'json-schema', schema }));
      return { input: input('caller', turns), ...(constraint ? { constraint } : {}) };
    },
    parseCaller: parseChatCallerOutput,
    summarizer: (turns) => {
      const constraint = when(grounding && roles.summarizer.capabilities.grammar, () =>
        groundedAnswerConstraint(turns),
      );
      return { input: input('summarizer', turns), ...(constraint ? { constraint } : {}) };
    },
    input,
  };
}
