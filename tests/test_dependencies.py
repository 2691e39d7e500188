"""Dependencies match use: what generator/ imports is declared and pinned, Dask is an extra, and only
figure drawing imports wordcloud."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from importlib import metadata

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    """A requirement's distribution name, normalised as pip does (PEP 503)."""
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name, requirement
    return re.sub(r"[-_.]+", "-", name[0]).lower()


def _declared(requirement: str) -> set[str]:
    """The distributions a requirement installs by name: itself and those of its extras (`pagefind[bin]`)."""
    names = {_name(requirement)}
    for extra in re.findall(r"\[([^\]]+)\]", requirement):
        for wanted in extra.split(","):
            for r in metadata.requires(_name(requirement)) or []:
                if re.search(rf"extra\s*==\s*['\"]{re.escape(wanted.strip())}['\"]", r):
                    names.add(_name(r))
    return names


def _pins(requirements: list[str]) -> dict[str, str]:
    return {_name(r): r.split("==", 1)[1] for r in requirements if "==" in r}


def _imports(top_level_only: bool = False) -> dict[str, set[str]]:
    """Third-party modules generator/ imports -> the files importing them (at module level only, if asked)."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "generator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nodes = tree.body if top_level_only else list(ast.walk(tree))
        for node in nodes:
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "generator":
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_package_generator_imports_is_declared():
    requirements = [
        *PYPROJECT["project"]["dependencies"],
        *(r for extra in PYPROJECT["project"]["optional-dependencies"].values() for r in extra),
    ]
    declared = {name for r in requirements for name in _declared(r)}
    providers = metadata.packages_distributions()
    undeclared = {
        module: sorted(files)
        for module, files in _imports().items()
        if _name(module) not in declared and not {_name(d) for d in providers.get(module, [])} & declared
    }
    assert undeclared == {}, "imported but not in pyproject.toml's dependencies"


def test_numpy_and_pillow_are_declared_with_the_pins_in_constraints():
    pins = _pins(PYPROJECT["project"]["dependencies"])
    assert (pins["numpy"], pins["pillow"]) == ("2.4.6", "13.0.0")
    constraints = _pins((ROOT / "constraints.txt").read_text(encoding="utf-8").split())
    extras = [r for extra in PYPROJECT["project"]["optional-dependencies"].values() for r in extra]
    differ = {
        name: (pin, constraints[name])
        for name, pin in (_pins(PYPROJECT["project"]["dependencies"]) | _pins(extras)).items()
        if name in constraints and constraints[name] != pin
    }
    assert differ == {}, "pyproject.toml and constraints.txt pin these differently"


def test_dask_is_an_extra_that_the_test_extra_installs_and_no_module_imports_at_load_time():
    assert not {"dask", "distributed"} & {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert sorted(_name(r) for r in extras["dask"]) == ["dask", "distributed"]
    assert "interview-report[dask]" in extras["test"]
    assert not {"dask", "distributed"} & set(_imports(top_level_only=True))


def test_the_shipped_cloud_stopwords_are_wordclouds():
    from wordcloud import STOPWORDS

    from generator.synthesise import CLOUD_STOPWORDS

    assert CLOUD_STOPWORDS == STOPWORDS, "wordcloud's list changed: run python tools/cloud_stopwords.py"


def test_a_build_imports_wordcloud_and_matplotlib_only_to_draw_figures():
    assert sorted(_imports()["wordcloud"]) == ["generator/write/figures.py"]
    assert not {"wordcloud", "matplotlib"} & set(_imports(top_level_only=True))
    # What `report build` loads before it draws anything, in a fresh interpreter.
    heavy = "{'wordcloud', 'matplotlib', 'dask', 'distributed'}"
    code = f"import sys, generator.cli; print(sorted({heavy} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout == "[]\n"
