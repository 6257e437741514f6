"""Bridge to native llama.cpp through ``training/tools/llama-check.mjs`` (node-llama-cpp).

One call starts one Node process, loads the GGUF once and answers a whole request (tokenize,
next-token logits, greedy generation); see the script's header for the request format.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from typing import Any, Dict, List, Optional, Sequence

TRAINING_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPT = os.path.join(TRAINING_DIR, "tools", "llama-check.mjs")


class LlamaCheckError(RuntimeError):
    pass


def run_llama_check(request: Dict[str, Any], node: Optional[str] = None, timeout: float = 1800) -> Dict[str, Any]:
    """Run llama-check.mjs on ``request`` and return its parsed response."""
    node = node or os.environ.get("NODE", "") or shutil.which("node")
    if not node:
        raise LlamaCheckError("node not found on PATH (set $NODE)")
    with tempfile.TemporaryDirectory(prefix="llama-check-") as tmp:
        req_path = os.path.join(tmp, "request.json")
        resp_path = os.path.join(tmp, "response.json")
        with open(req_path, "w", encoding="utf-8") as f:
            json.dump(request, f)
        proc = subprocess.run(
            [node, SCRIPT, req_path, resp_path], capture_output=True, text=True, timeout=timeout
        )
        if proc.returncode != 0 or not os.path.exists(resp_path):
            raise LlamaCheckError(f"llama-check failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
        with open(resp_path, encoding="utf-8") as f:
            return json.load(f)


def llama_tokenize(model_path: str, texts: Sequence[str], **kw) -> List[List[int]]:
    """Token ids llama.cpp gives each text (special tokens parsed, no BOS added)."""
    resp = run_llama_check({"model": model_path, "tokenize": list(texts)}, **kw)
    return [t["ids"] for t in resp["tokenize"]]
