"""The layers of the source tree (README, "Where things are"; docs/decisions.md, "Layout"), checked on
every import statement (top-level or inside a function) with `ast`:

  claims_etl   app shell: command line, report, Prefect API launcher, progress bar   may import anything
  flows        orchestration                                                         tasks, infra, schemas
  tasks        the stages, in pipeline order (below)                                 earlier stages, infra, schemas
  infra        shared infrastructure: settings, database, migrations                 infra, schemas
  schemas      models passed between stages                                          schemas

Stages import only their own or an earlier stage; helpers several stages share live in `tasks/common/`
(below every stage) or in `infra/`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("claims_etl", "flows", "tasks", "infra", "schemas")
ALLOWED: Mapping[str, frozenset[str]] = {
    "claims_etl": frozenset(PACKAGES),
    "flows": frozenset({"flows", "tasks", "infra", "schemas"}),
    "tasks": frozenset({"tasks", "infra", "schemas"}),
    "infra": frozenset({"infra", "schemas"}),
    "schemas": frozenset({"schemas"}),
}
# The stages in pipeline order. `tasks.transform` runs clean then extract on a batch, so it counts as
# the extract stage; `tasks` itself (its docstring) and `tasks.common` are below every stage.
STAGES = ("common", "read", "plan", "clean", "extract", "load", "analyse")
STAGE_OF = {"tasks.transform": "extract"} | {f"tasks.{s}": s for s in STAGES}


def module_name(path: str) -> str:
    """'tasks/load/runs.py' -> 'tasks.load.runs'; a package's __init__ is the package."""
    parts = path.removesuffix(".py").split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage(module: str) -> str | None:
    """The stage a `tasks` module belongs to (longest known prefix), None for an unplaced module."""
    if module == "tasks":
        return "common"
    parts = module.split(".")
    for n in range(len(parts), 1, -1):
        found = STAGE_OF.get(".".join(parts[:n]))
        if found:
            return found
    return None


def imported(path: str, source: str, known: frozenset[str]) -> Iterator[tuple[int, str]]:
    """(line, module) for every import of the project's packages in `source`. `from P import m` names
    the module P.m when that is a module of the tree (`known`), else P itself."""
    package = module_name(path) if path.endswith("__init__.py") else module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for target in dict.fromkeys(targets):  # `from P import a, b` is one import of P
            if target.split(".")[0] in PACKAGES:
                yield node.lineno, target


def violations(sources: Mapping[str, str]) -> list[str]:
    """Every import in `sources` (path relative to the root -> text) that breaks the layers."""
    known = frozenset(module_name(p) for p in sources)
    found = []
    for path, source in sorted(sources.items()):
        me = module_name(path)
        layer = me.split(".")[0]
        if layer == "tasks" and stage(me) is None:
            found.append(f"{path}: a module of no stage (add it to one, or to tasks/common)")
        for line, target in imported(path, source, known):
            where = f"{path}:{line} imports {target}"
            if target.split(".")[0] not in ALLOWED[layer]:
                found.append(f"{where}: {layer} may import only {', '.join(sorted(ALLOWED[layer]))}")
            elif layer == "tasks" and target.startswith("tasks"):
                mine, theirs = stage(me), stage(target)
                if mine and theirs and STAGES.index(theirs) > STAGES.index(mine):
                    found.append(f"{where}: the {mine} stage imports the later {theirs} stage")
    return found


def tree_sources() -> dict[str, str]:
    return {
        str(p.relative_to(ROOT)): p.read_text(encoding="utf-8")
        for package in PACKAGES
        for p in (ROOT / package).rglob("*.py")
    }


def test_no_layer_imports_a_higher_one_and_no_stage_a_later_one() -> None:
    sources = tree_sources()
    assert "tasks/extract/extractor.py" in sources and "tasks/analyse/refresh.py" in sources  # the scan sees the tree
    assert violations(sources) == []


def test_every_stage_is_a_folder_or_module_that_says_what_goes_in_and_out() -> None:
    for name in STAGES[1:]:
        module = ROOT / "tasks" / f"{name}.py"
        opening = module if module.exists() else ROOT / "tasks" / name / "__init__.py"
        doc = ast.get_docstring(ast.parse(opening.read_text(encoding="utf-8"))) or ""
        assert "->" in doc.split("\n\n")[0], f"{opening}: the opening comment says what goes in -> what comes out"


def step_violations(sources: Mapping[str, str]) -> list[str]:
    """Clean-stage modules that import one of its steps (a module with a top-level `run`): the steps run
    in order from tasks/clean/__init__.py and share only lower helpers, never call one another."""
    clean = {p: s for p, s in sources.items() if p.startswith("tasks/clean/")}
    steps = {
        module_name(p)
        for p, s in clean.items()
        if any(isinstance(n, ast.FunctionDef) and n.name == "run" for n in ast.parse(s).body)
    }
    known = frozenset(module_name(p) for p in sources)
    return [
        f"{path}:{line} imports the step {target}"
        for path, source in sorted(clean.items())
        if path != "tasks/clean/__init__.py"
        for line, target in imported(path, source, known)
        if target in steps
    ]


def test_clean_steps_run_in_order_and_share_only_lower_helpers() -> None:
    sources = tree_sources()
    assert step_violations(sources) == []
    from tasks.clean import STEPS

    assert len(STEPS) >= 5 and all(step.__name__ == "run" for step in STEPS)
    synthetic = {
        "tasks/clean/header.py": "def run(d): ...\n",
        "tasks/clean/body.py": "from tasks.clean import header\ndef run(d): ...\n",  # a step calling a step
        "tasks/clean/metadata.py": "from tasks.clean.body import run\n",  # a helper calling a step
        "tasks/clean/__init__.py": "from tasks.clean import body, header\n",  # the stage runs them: fine
    }
    assert step_violations(synthetic) == [
        "tasks/clean/body.py:1 imports the step tasks.clean.header",
        "tasks/clean/metadata.py:1 imports the step tasks.clean.body",
    ]


def test_the_check_reports_each_kind_of_violation() -> None:
    """A check that can't fail checks nothing: feed it one import of each forbidden kind."""
    tree = {
        "infra/db.py": "import os\nfrom tasks.load import load_batch\n",  # infra -> a stage
        "schemas/claim.py": "def f():\n    from flows import ingest\n",  # schemas -> flows, inside a function
        "flows/ingest.py": "from claims_etl import progress\n",  # orchestration -> the app shell
        "tasks/plan.py": "from tasks import load\n",  # plan -> the later load stage (a module named by `from`)
        "tasks/read.py": "from .analyse.refresh import refresh_analysis\n",  # read -> analyse, relative
        "tasks/clean/html.py": "from ..extract import nlp\n",  # clean -> extract, relative from a sub-package
        "tasks/stray.py": "import re\n",  # a module of no stage
        # allowed: a later stage importing an earlier one, anyone importing tasks.common, the shell importing all
        "tasks/load/__init__.py": "",
        "tasks/analyse/__init__.py": "",
        "tasks/extract/nlp.py": "",
        "tasks/load/speakers.py": "from tasks.extract import person_names\nfrom tasks.common import sites\n",
        "tasks/analyse/names.py": "from tasks.common.name_keys import name_key\nfrom infra.db import connect\n",
        "claims_etl/cli.py": "from flows.ingest import ingest\nfrom tasks.load import runs\n",
    }
    found = violations(tree)
    for culprit in ("infra/db.py:2", "schemas/claim.py:2", "flows/ingest.py:1", "tasks/plan.py:1"):
        assert any(v.startswith(culprit) for v in found), (culprit, found)
    assert any(v.startswith("tasks/read.py:1 imports tasks.analyse.refresh") for v in found), found
    assert any(v.startswith("tasks/clean/html.py:1 imports tasks.extract") for v in found), found
    assert any(v.startswith("tasks/stray.py: a module of no stage") for v in found), found
    assert len(found) == 7, found


def readme_map() -> list[str]:
    """The paths the README's "Where things are" map names, nested entries joined to their folder."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Where things are", 1)[1].split("```", 2)[1]
    paths, folder = [], ""
    for line in block.splitlines():
        entry = line.strip().split("  ")[0]
        if not entry or not line.lstrip()[0].isalpha() or not (entry.endswith("/") or entry.endswith(".py")):
            continue
        if line.startswith(" "):
            paths.append(folder + entry)
        else:
            folder = entry
            paths.append(entry)
    return paths


def test_the_readme_map_matches_the_tree() -> None:
    mapped = readme_map()
    assert {f"{p}/" for p in PACKAGES} <= set(mapped), mapped
    for path in mapped:
        assert (ROOT / path).exists(), f"README names {path}, which is not in the tree"
    stages = {
        f"tasks/{p.name}/" if p.is_dir() else f"tasks/{p.name}"
        for p in (ROOT / "tasks").iterdir()
        if (p.is_dir() and (p / "__init__.py").exists()) or (p.suffix == ".py" and p.name != "__init__.py")
    }
    assert stages == {p for p in mapped if p.startswith("tasks/") and p != "tasks/"}, sorted(stages)
