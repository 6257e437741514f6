import { memo } from 'react';
import type { ModelStep, Step, ToolStep } from '../agent/trajectory.ts';
import { BodyViewer } from './body-viewer.tsx';

/** Tokens per second, rounded. */
function rate(value: number): string {
  return `${Math.round(value)} tok/s`;
}

/** One model generation: role, decision or call, the raw output, tokens and speeds. */
function ModelStepCard({ step }: { step: ModelStep }) {
  const { usage } = step;
  return (
    <li
      className="umi-app__step"
      data-role={step.role}
      data-index={step.index}
      aria-label={`Step ${step.index + 1}: ${step.role}`}
    >
      <header className="umi-app__step-head">
        <span className="umi-app__step-role">{step.role}</span>
        {step.decision !== undefined && <span className="umi-app__tag">decision: {step.decision}</span>}
        {step.flags.hallucinated && <span className="umi-app__tag umi-app__tag--bad">unknown API</span>}
        {step.flags.invalid && <span className="umi-app__tag umi-app__tag--bad">unusable output</span>}
        {step.flags.constrained && <span className="umi-app__tag">grammar-constrained</span>}
        {step.flags.reference && <span className="umi-app__tag">test set</span>}
        <span className="umi-app__step-time">{step.durationMs} ms</span>
      </header>
      {step.thought !== undefined && <p className="umi-app__thought">{step.thought}</p>}
      {step.action !== undefined && (
        <p className="umi-app__call-line">
          <code>{step.action}</code> <code>{step.actionInput ?? ''}</code>
        </p>
      )}
      {step.role === 'summarizer' && <p className="umi-app__thought">{step.output}</p>}
      <details className="umi-app__details">
        <summary>Raw output and prompt</summary>
        <pre className="umi-app__pre">{step.output}</pre>
        <pre className="umi-app__pre">{step.prompt}</pre>
      </details>
      {!step.flags.reference && (
        <p className="umi-app__usage">
          {step.modelId} · prompt {usage.promptTokens} tokens ({usage.reusedPromptTokens} reused) · completion{' '}
          {usage.completionTokens} · prefill {rate(usage.prefillTokensPerSecond)} · decode{' '}
          {rate(usage.decodeTokensPerSecond)}
        </p>
      )}
    </li>
  );
}

/** One API call: what was sent, the status and latency, and the observation the models read. */
function ToolStepCard({ step }: { step: ToolStep }) {
  return (
    <li
      className="umi-app__step"
      data-role="tool"
      data-index={step.index}
      aria-label={`Step ${step.index + 1}: API call ${step.name}`}
    >
      <header className="umi-app__step-head">
        <span className="umi-app__step-role">API</span>
        <code>{step.name}</code>
        {step.flags.reference && <span className="umi-app__tag">test set</span>}
        <span className={step.ok ? 'umi-app__tag' : 'umi-app__tag umi-app__tag--bad'}>
          {step.status === undefined ? (step.ok ? 'ok' : 'failed') : `HTTP ${step.status}`}
        </span>
        {step.flags.hallucinated && <span className="umi-app__tag umi-app__tag--bad">unknown API</span>}
        {step.flags.invalid && (
          <span className="umi-app__tag umi-app__tag--bad">
            {step.arguments === undefined ? 'unreadable arguments' : "arguments do not fit the API's schema"}
          </span>
        )}
        <span className="umi-app__step-time">{step.durationMs} ms</span>
      </header>
      {step.request !== undefined && (
        <p className="umi-app__call-line">
          <code>
            {step.request.method} {step.request.url}
          </code>
        </p>
      )}
      <p className="umi-app__call-line">
        arguments <code>{step.argumentsText}</code>
      </p>
      <BodyViewer response={step.response} observation={step.observation} />
    </li>
  );
}

/** A recorded step of a run; steps never change once recorded, so a card renders once. */
export const StepCard = memo(function StepCard({ step }: { step: Step }) {
  return step.type === 'model' ? <ModelStepCard step={step} /> : <ToolStepCard step={step} />;
});
