#!/usr/bin/env node
// Runs a GGUF in native llama.cpp (node-llama-cpp, CPU, 1 thread) and answers a JSON request, so the
// Python side can compare llama.cpp with PyTorch (see training/umi_training/parity.py).
//
// Usage: node training/tools/llama-check.mjs REQUEST.json [RESPONSE.json]
//
// Request:
//   {
//     "model": "path/to/model.gguf",
//     "contextSize": 512,                 // optional, default: the model's training context
//     "kvCacheType": "F32" | "F16",       // optional, default F16 (llama.cpp's default)
//     "flashAttention": false,            // optional, default false
//     "tokenize": ["text", ...],          // tokenized with special tokens parsed, no BOS added
//     "logits": [[id, ...], ...],         // each: next-token logits after the whole sequence
//     "generate": [{ "tokens": [id, ...], "n": 40 }, ...]  // greedy, does not stop at EOS
//   }
// Response (stdout, or RESPONSE.json): the same keys with results, plus "info".
//   tokenize -> [{ "ids": [...], "text": "<detokenized with special tokens>" }, ...]
//   logits   -> [[logit for id 0, logit for id 1, ...], ...]
//   generate -> [{ "tokens": [...] }, ...]
//
// node-llama-cpp is looked up in $NODE_LLAMA_CPP_DIR (a folder holding node_modules/node-llama-cpp,
// or the package folder itself), then in this repository, then in /tmp/nlc. Install it leanly with
//   NODE_LLAMA_CPP_SKIP_DOWNLOAD=true npm i node-llama-cpp@3.22.1 @node-llama-cpp/linux-x64@3.22.1 --omit=optional

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function locateNodeLlamaCpp() {
  const candidates = [];
  if (process.env.NODE_LLAMA_CPP_DIR) {
    const dir = resolve(process.env.NODE_LLAMA_CPP_DIR);
    candidates.push(join(dir, 'node_modules', 'node-llama-cpp'), dir);
  }
  candidates.push(
    join(here, '..', '..', 'node_modules', 'node-llama-cpp'),
    '/tmp/nlc/node_modules/node-llama-cpp',
  );
  for (const dir of candidates) {
    if (existsSync(join(dir, 'package.json'))) {
      const req = createRequire(join(dir, 'package.json'));
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name === 'node-llama-cpp')
        return { entry: req.resolve('node-llama-cpp'), version: pkg.version };
    }
  }
  throw new Error(`node-llama-cpp not found; looked in: ${candidates.join(', ')}. Set NODE_LLAMA_CPP_DIR.`);
}

function argmax(values) {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

async function main() {
  const [requestPath, responsePath] = process.argv.slice(2);
  if (!requestPath) throw new Error('usage: llama-check.mjs REQUEST.json [RESPONSE.json]');
  const request = JSON.parse(readFileSync(requestPath, 'utf8'));
  const located = locateNodeLlamaCpp();
  const { getLlama, LlamaLogLevel } = await import(pathToFileURL(located.entry).href);

  const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
  const model = await llama.loadModel({ modelPath: resolve(request.model), gpuLayers: 0 });
  const kv = request.kvCacheType ?? 'F16';
  const context = await model.createContext({
    contextSize: request.contextSize ?? model.trainContextSize,
    threads: 1,
    sequences: 1,
    flashAttention: request.flashAttention ?? false,
    experimentalKvCacheKeyType: kv,
    experimentalKvCacheValueType: kv,
  });
  const sequence = context.getSequence();

  const response = {
    info: {
      nodeLlamaCpp: located.version,
      entry: located.entry,
      contextSize: context.contextSize,
      trainContextSize: model.trainContextSize,
      bos: model.tokens.bos,
      eos: model.tokens.eos,
      eosString: model.tokens.eosString,
      kvCacheType: kv,
    },
  };

  if (request.tokenize) {
    response.tokenize = request.tokenize.map((text) => {
      const ids = model.tokenize(text, true);
      return { ids, text: model.detokenize(ids, true) };
    });
  }

  if (request.logits) {
    response.logits = [];
    for (const tokens of request.logits) {
      await sequence.clearHistory();
      const input = tokens.map((t, i) =>
        i === tokens.length - 1 ? [t, { generateNext: { logits: true, token: true } }] : t,
      );
      const out = await sequence.controlledEvaluate(input);
      const next = out[tokens.length - 1]?.next;
      if (!next?.logits) throw new Error('llama.cpp returned no logits');
      const dense = new Array(next.logits.size).fill(null);
      for (const [token, logit] of next.logits) dense[token] = logit;
      if (dense.some((v) => v === null)) throw new Error('logits do not cover the whole vocabulary');
      if (next.token !== argmax(dense)) throw new Error(`greedy token ${next.token} is not the argmax`);
      response.logits.push(dense);
    }
    response.info.nVocab = response.logits[0]?.length;
  }

  if (request.generate) {
    response.generate = [];
    for (const job of request.generate) {
      await sequence.clearHistory();
      const generated = [];
      if (job.n > 0) {
        for await (const token of sequence.evaluate(job.tokens, { temperature: 0, yieldEogToken: true })) {
          generated.push(token);
          if (generated.length >= job.n) break;
        }
      }
      response.generate.push({ tokens: generated });
    }
  }

  await context.dispose();
  await model.dispose();
  await llama.dispose();
  const json = JSON.stringify(response);
  if (responsePath) writeFileSync(responsePath, json);
  else process.stdout.write(`${json}\n`);
}

main().catch((err) => {
  process.stderr.write(`llama-check: ${err?.stack ?? err}\n`);
  process.exit(1);
});
