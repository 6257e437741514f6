"""What a run's floating-point results depend on besides code, data and seed: the CPU and the BLAS kernels.

A replay with ``--steps`` gives the same weights only where the matrix kernels round the same way.
OpenBLAS picks its kernels per CPU at load time (``DYNAMIC_ARCH``), so ``run.json`` records which
it picked, and the CPU, to tell a replay on another machine from a changed recipe.
"""

from __future__ import annotations

import ctypes
from typing import Dict, Optional


def cpu_model() -> Optional[str]:
    """The CPU's model name from ``/proc/cpuinfo``, or None where there is none."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        return None
    return None


def cpu_vector_extensions() -> list:
    """Which of AVX2 and AVX-512 (foundation) the CPU has: the kernels' widths depend on them."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            flags = next((line.split(":", 1)[1].split() for line in f if line.startswith("flags")), [])
    except OSError:
        return []
    return [name for name in ("avx2", "avx512f") if name in flags]


def openblas_kernels() -> Optional[Dict[str, str]]:
    """The core type and build of the OpenBLAS this process loaded (through torch), or None if it loaded none."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as f:
            paths = [line.split()[-1] for line in f if "libopenblas" in line]
        if not paths:
            return None
        lib = ctypes.CDLL(paths[0])
        lib.openblas_get_corename.restype = ctypes.c_char_p
        lib.openblas_get_config.restype = ctypes.c_char_p
        return {"core": lib.openblas_get_corename().decode(), "config": lib.openblas_get_config().decode()}
    except (OSError, AttributeError):
        return None


def machine_info() -> dict:
    """CPU model, vector extensions and BLAS kernels, for ``run.json``."""
    return {"cpu": cpu_model(), "vector_extensions": cpu_vector_extensions(), "blas": openblas_kernels()}
