"""Mutation testing of the core modules: how many small changes to the code do the tests catch?

Each mutant is one small change to one module — a flipped comparison, a changed
number, a negated condition, `and`/`or` swapped, `max`/`min` swapped, `+`/`-`
swapped — made on its syntax tree (string literals are never changed). A mutant
is *killed* when a test that runs the mutated line fails; it *survives* when
they all pass, which points at behaviour no test pins down.

First the module's candidate tests run once, traced, to learn which tests run
each line; then each mutant runs only those tests (stopping at the first
failure), in a child pytest that loads the mutated module in place of the real
one (bench/mutant_plugin.py). Tests that run the tracker in a subprocess load
the real module, so they cannot kill a mutant here.

Usage (from the repository root):

    .venv/bin/python bench/mutate.py tracker/dates.py tracker/scoring.py \\
        --budget 600 --sample 60 --seed 1 [--tests tests/test_dates.py …] [--show]

`--sample N` draws N mutants per module at random (seeded) when a module has
more; `--budget S` stops starting new mutants after S seconds overall. Both
are reported with the figures, so a sampled figure is never taken for a full one.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# The tests that exercise each module; the trace narrows them to each line's tests.
CANDIDATE_TESTS: dict[str, list[str]] = {
    "tracker/scoring.py": ["tests/test_scoring.py", "tests/cli/test_report.py",
                           "tests/test_mutation_gaps.py"],
    "tracker/model.py": ["tests/test_model.py", "tests/cli/test_mark.py",
                         "tests/cli/test_add.py", "tests/cli/test_dialogue.py",
                         "tests/test_scoring.py", "tests/test_mutation_gaps.py"],
    "tracker/dates.py": ["tests/test_dates.py", "tests/cli/test_dates_cli.py",
                         "tests/test_mutation_gaps.py"],
    "tracker/store.py": ["tests/test_store.py", "tests/cli/test_undo.py",
                         "tests/cli/test_import.py", "tests/test_mutation_gaps.py"],
    "tracker/query.py": ["tests/cli/test_list.py", "tests/cli/test_export.py",
                         "tests/test_mutation_gaps.py"],
    "tracker/interchange.py": ["tests/test_interchange.py", "tests/cli/test_import.py",
                               "tests/cli/test_export.py", "tests/test_roundtrip.py"],
    "tracker/interchange_csv.py": ["tests/test_interchange.py", "tests/cli/test_import.py",
                                   "tests/cli/test_export.py"],
    "tracker/undo.py": ["tests/test_undo_core.py", "tests/cli/test_undo.py",
                        "tests/cli/test_history.py"],
}

_COMPARE_SWAPS = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In,
    ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}
_BINOP_SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv,
                ast.FloorDiv: ast.Mult, ast.Div: ast.Mult, ast.Mod: ast.FloorDiv}
_SWAPPED_CALLS = {"max": "min", "min": "max", "any": "all", "all": "any"}


@dataclass
class Mutant:
    index: int  # which node, in ast.walk order
    kind: str
    line: int
    description: str
    lines: tuple[int, int]  # the enclosing statement's lines (for the trace)
    at_import: bool  # runs when the module is imported, not inside a function


def _docstring_nodes(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _statement_lines(tree: ast.AST) -> dict[int, tuple[int, int, bool]]:
    """Node id → (first, last) line of the innermost statement holding it (a compound
    statement: its header), and whether it runs at import rather than in a function."""
    spans: dict[int, tuple[int, int, bool]] = {}

    def visit(node: ast.AST, span: tuple[int, int, bool] | None, in_function: bool) -> None:
        if isinstance(node, ast.stmt):
            end = node.end_lineno or node.lineno
            if hasattr(node, "body"):
                first_child = node.body[0].lineno if node.body else end
                end = max(node.lineno, first_child - 1)
            # Default values and decorators run at import too; a body does not.
            span = (node.lineno, end, not in_function)
        if span is not None:
            spans[id(node)] = span
        for field, value in ast.iter_fields(node):
            inside = in_function or (
                isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
                and field == "body")
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, ast.AST):
                    visit(child, span, inside)

    visit(tree, None, False)
    return spans


def _skipped(tree: ast.AST) -> set[int]:
    """Nodes never mutated: docstrings, `if TYPE_CHECKING:` blocks, type annotations."""
    skip = _docstring_nodes(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) \
                and node.test.id == "TYPE_CHECKING":
            skip.update(id(n) for n in ast.walk(node))
        annotations = []
        if isinstance(node, ast.AnnAssign):
            annotations.append(node.annotation)
        if isinstance(node, ast.arg) and node.annotation is not None:
            annotations.append(node.annotation)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns:
            annotations.append(node.returns)
        for annotation in annotations:
            skip.update(id(n) for n in ast.walk(annotation))
    return skip


def find_mutants(source: str) -> list[Mutant]:
    tree = ast.parse(source)
    skip = _skipped(tree)
    spans = _statement_lines(tree)
    found: list[Mutant] = []
    for index, node in enumerate(ast.walk(tree)):
        if id(node) in skip or not hasattr(node, "lineno"):
            continue
        span = spans.get(id(node), (node.lineno, node.lineno, True))

        def add(kind: str, what: str, node: ast.AST = node, index: int = index,
                span: tuple[int, int, bool] = span) -> None:
            found.append(Mutant(index, kind, node.lineno, what, span[:2], span[2]))

        if isinstance(node, ast.Compare) and type(node.ops[0]) in _COMPARE_SWAPS:
            op = type(node.ops[0])
            add("compare", f"{op.__name__} → {_COMPARE_SWAPS[op].__name__}")
        elif isinstance(node, ast.BinOp) and type(node.op) in _BINOP_SWAPS:
            add("arithmetic", f"{type(node.op).__name__} → "
                              f"{_BINOP_SWAPS[type(node.op)].__name__}")
        elif isinstance(node, ast.BoolOp):
            add("boolean", "and → or" if isinstance(node.op, ast.And) else "or → and")
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float, bool):
            value = node.value
            add("constant", f"{value!r} → {_mutated_constant(value)!r}")
        elif isinstance(node, ast.If | ast.While | ast.IfExp):
            add("negate", "condition negated")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in _SWAPPED_CALLS:
            add("call", f"{node.func.id} → {_SWAPPED_CALLS[node.func.id]}")
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            add("negate", "`not` removed")
    return found


def _mutated_constant(value: object) -> object:
    if isinstance(value, bool):
        return not value
    if value == 0:
        return 1
    if value == 1:
        return 0
    return value + 1  # type: ignore[operator]


def mutated_source(source: str, mutant: Mutant) -> str:
    tree = ast.parse(source)
    node = list(ast.walk(tree))[mutant.index]
    if isinstance(node, ast.Compare):
        node.ops[0] = _COMPARE_SWAPS[type(node.ops[0])]()
    elif isinstance(node, ast.BinOp):
        node.op = _BINOP_SWAPS[type(node.op)]()
    elif isinstance(node, ast.BoolOp):
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif isinstance(node, ast.Constant):
        node.value = _mutated_constant(node.value)
    elif isinstance(node, ast.If | ast.While | ast.IfExp):
        node.test = ast.UnaryOp(op=ast.Not(), operand=node.test)
    elif isinstance(node, ast.Call):
        node.func = ast.Name(id=_SWAPPED_CALLS[node.func.id], ctx=ast.Load())
    elif isinstance(node, ast.UnaryOp):
        _replace(tree, node, node.operand)
    return ast.unparse(ast.fix_missing_locations(tree))


def _replace(tree: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, new)
                return
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if item is old:
                        value[i] = new
                        return


def _pytest(args: list[str], env: dict[str, str], timeout: float) -> int | None:
    command = [PYTHON, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
               "-p", "mutant_plugin", "--no-header", "-o", "addopts=", *args]
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None
    return done.returncode


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "bench"),
                                                      env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def line_map(path: str, tests: list[str]) -> tuple[dict[int, list[str]], float]:
    """Line → the tests that run it, and how long the traced run took."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "map.json"
        started = time.monotonic()
        code = _pytest([*tests], _env(TRACKER_MUTANT_TRACE=str(ROOT / path),
                                      TRACKER_MUTANT_MAP=str(out)), timeout=3600)
        took = time.monotonic() - started
        if code not in (0, 1) or not out.exists():
            raise SystemExit(f"the traced run of {' '.join(tests)} failed (exit {code})")
        if code == 1:
            print(f"warning: some candidate tests of {path} fail without any mutant",
                  file=sys.stderr)
        raw = json.loads(out.read_text(encoding="utf-8"))
    return {int(line): ids for line, ids in raw.items()}, took


@dataclass
class Outcome:
    mutant: Mutant
    result: str  # killed, survived, uncovered, timeout


def run_module(path: str, tests: list[str], *, sample: int | None, seed: int,
               deadline: float, show: bool) -> tuple[list[Outcome], int]:
    source = (ROOT / path).read_text(encoding="utf-8")
    module = path.removesuffix(".py").replace("/", ".")
    mutants = find_mutants(source)
    total = len(mutants)
    if sample is not None and total > sample:
        mutants = sorted(random.Random(seed).sample(mutants, sample), key=lambda m: m.line)
    lines, took = line_map(path, tests)
    print(f"{path}: {total} mutants, running {len(mutants)}; traced tests in {took:.0f} s",
          file=sys.stderr)
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory() as folder:
        for mutant in mutants:
            if time.monotonic() > deadline:
                break
            if mutant.at_import:  # every test of the module meets it
                covering = list(tests)
            else:
                covering = sorted({test for line in range(mutant.lines[0],
                                                          mutant.lines[1] + 1)
                                   for test in lines.get(line, [])})
            if not covering:
                outcomes.append(Outcome(mutant, "uncovered"))
                if show:
                    print(f"  uncovered: {path}:{mutant.line} {mutant.kind} "
                          f"{mutant.description}", file=sys.stderr)
                continue
            mutated = Path(folder) / "mutant.py"
            mutated.write_text(mutated_source(source, mutant), encoding="utf-8")
            code = _pytest(covering, _env(TRACKER_MUTANT_MODULE=module,
                                          TRACKER_MUTANT_SOURCE=str(mutated)),
                           timeout=max(60.0, took * 3))
            result = "timeout" if code is None else ("survived" if code == 0 else "killed")
            if code == 5:  # no tests collected: the trace named tests that vanished
                result = "uncovered"
            outcomes.append(Outcome(mutant, result))
            if show and result != "killed":
                print(f"  {result}: {path}:{mutant.line} {mutant.kind} {mutant.description}",
                      file=sys.stderr)
    return outcomes, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("modules", nargs="+", help="e.g. tracker/dates.py")
    parser.add_argument("--tests", nargs="*", help="candidate tests (default: per module)")
    parser.add_argument("--sample", type=int, help="at most this many mutants per module")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--budget", type=float, default=1800, help="seconds, overall")
    parser.add_argument("--show", action="store_true", help="print every survivor")
    options = parser.parse_args()
    deadline = time.monotonic() + options.budget
    rows = []
    print("| module | mutants | run | killed | survived | not run by any test | killed % |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |", flush=True)
    for path in options.modules:
        if time.monotonic() > deadline:
            print(f"| `{path}` | – | 0 | – | – | – | budget spent |", flush=True)
            continue
        tests = options.tests or CANDIDATE_TESTS.get(path)
        if not tests:
            raise SystemExit(f"no candidate tests known for {path}: pass --tests")
        tests = [t for t in tests if (ROOT / t.split("::")[0]).exists()]
        outcomes, total = run_module(path, tests, sample=options.sample, seed=options.seed,
                                     deadline=deadline, show=options.show)
        counts = {kind: sum(o.result == kind for o in outcomes)
                  for kind in ("killed", "survived", "uncovered", "timeout")}
        ran = len(outcomes)
        # A mutant that makes the tests hang is caught (the run never passes).
        caught = counts["killed"] + counts["timeout"]
        row = (path, total, ran, caught, counts["survived"], counts["uncovered"],
               100 * caught / ran if ran else 0.0)
        rows.append(row)
        print("| `{}` | {} | {} | {} | {} | {} | {:.1f} % |".format(*row), flush=True)
    caught = sum(row[3] for row in rows)
    ran = sum(row[2] for row in rows)
    if ran:
        print(f"| all | {sum(row[1] for row in rows)} | {ran} | {caught} | "
              f"{sum(row[4] for row in rows)} | {sum(row[5] for row in rows)} | "
              f"{100 * caught / ran:.1f} % |")
    if options.sample:
        print(f"\n(sampled: at most {options.sample} mutants per module, seed {options.seed})")


if __name__ == "__main__":
    main()
