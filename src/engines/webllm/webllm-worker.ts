/**
 * The module worker WebLLM runs in (see mlc-runtime.ts): its handler owns the MLC engine, the
 * WebGPU device and the weights, and answers the page's WebWorkerMLCEngine through postMessage.
 */
import { WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';

/** The worker side of WebLLM's protocol; errors cross back as `Name: message` strings. */
const handler = new WebWorkerMLCEngineHandler();

self.onmessage = (message: MessageEvent) => handler.onmessage(message);
