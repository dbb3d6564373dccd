"""Diagnostics: what this machine can do, as ``hearth doctor`` and the window report it.

- :mod:`.doctor`: the report (CPU, memory, GPUs, libraries, engine, window) and its problems.
- :mod:`.hardware`: CPU model, flags and memory; which instruction sets truly run (:mod:`.cpu_probe`,
  one instruction executed in a child process).
- :mod:`.selfcheck`: the engine and torch exercised in a child process, so a crash is a finding.
- :mod:`.display`: whether Qt can open a window here, and the system package it lacks if not.

Import the submodules directly: they are small, and the doctor's callers should not pay for the others.
"""
