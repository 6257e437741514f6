"""Training side of umi's embedded α-UMi role models: tokenizer, tiny LLaMA, GGUF export, parity checks.

Run with Debian's Python (``/usr/bin/python3``) from the ``training/`` folder; see ``training/README.md``.
"""
