"""pytest plugin for bench/mutate.py: load one mutant of a module, or map lines to tests.

Loaded with `-p mutant_plugin` (bench/ on PYTHONPATH) in a child pytest run:

- TRACKER_MUTANT_MODULE=tracker.x and TRACKER_MUTANT_SOURCE=FILE: the module is
  imported, then its namespace is rebuilt from the mutated source, before any
  test module (or conftest) imports from it. Code run in a subprocess by a test
  loads the real module: such tests cannot kill a mutant.
- TRACKER_MUTANT_TRACE=FILE of a module and TRACKER_MUTANT_MAP=OUT.json: every
  test is traced and OUT.json says, for each line of that file, which tests ran it.
"""

from __future__ import annotations

import importlib
import json
import os
import sys

import pytest

_module = os.environ.get("TRACKER_MUTANT_MODULE")
_source = os.environ.get("TRACKER_MUTANT_SOURCE")
if _module and _source:
    target = importlib.import_module(_module)
    with open(_source, encoding="utf-8") as handle:
        code = compile(handle.read(), target.__file__, "exec")
    exec(code, target.__dict__)  # noqa: S102 — the mutant under test, by design

_traced = os.environ.get("TRACKER_MUTANT_TRACE")
_map_out = os.environ.get("TRACKER_MUTANT_MAP")
_lines: dict[int, set[str]] = {}
_is_traced: dict[str, bool] = {}  # file name → whether it is the traced file (cached)


if _traced and _map_out:
    _traced = os.path.realpath(_traced)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(item, nextitem):  # noqa: ANN001, ARG001
        seen: set[int] = set()

        def local(frame, event, arg):  # noqa: ANN001, ARG001
            if event == "line":
                seen.add(frame.f_lineno)
            return local

        def tracer(frame, event, arg):  # noqa: ANN001, ARG001
            name = frame.f_code.co_filename
            match = _is_traced.get(name)
            if match is None:
                match = _is_traced[name] = os.path.realpath(name) == _traced
            if match:
                seen.add(frame.f_lineno)
                return local
            return None

        sys.settrace(tracer)
        try:
            yield
        finally:
            sys.settrace(None)
            for line in seen:
                _lines.setdefault(line, set()).add(item.nodeid)

    def pytest_sessionfinish(session, exitstatus):  # noqa: ANN001, ARG001
        with open(_map_out, "w", encoding="utf-8") as handle:
            json.dump({str(line): sorted(ids) for line, ids in _lines.items()}, handle)
