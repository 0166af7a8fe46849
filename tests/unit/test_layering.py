"""The architecture, checked: every module's imports against the layers of design.md.

Inner layers never import outer ones: the engine, Thai utilities, cycle rules,
importers and documents know nothing of Django or of the apps; `agencies` never
imports `plans`; views, the public pages and the API reach models only through an
app's services and queries."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "prongsai"

PURE = ("engine", "thai", "cycle", "files", "library", "importers", "documents", "links")
# What each inner layer may import of prongsai (besides itself).
ALLOWED_INSIDE = {
    "thai": set(),
    "files": set(),
    "cycle": {"thai"},
    "engine": {"thai"},
    "library": {"engine"},
    "importers": {"engine", "thai", "files"},
    "documents": {"engine", "thai", "cycle", "files"},
    "links": {"thai"},
}
# The library of editions and data files (no Django): any layer above the engine may ask.
SHARED = {"prongsai.library"}
APPS = ("agencies", "plans", "editions", "accounts", "oit", "surveys", "oversight", "jobs")
INTERFACES = ("web", "public", "api", "cli")


def _modules() -> list[tuple[str, Path]]:
    return [
        (
            ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(
                ".__init__"
            ),
            path,
        )
        for path in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in path.parts
    ]


def _imports(path: Path) -> set[str]:
    """Every module a file imports, outside `if TYPE_CHECKING:` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


MODULES = _modules()


def test_the_package_is_where_the_test_looks():
    names = {module for module, _ in MODULES}
    assert "prongsai.engine.scoring" in names and "prongsai.cycle" in names


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_imports_follow_the_layers(module, path):
    layer = _layer(module)
    problems = []
    for name in _imports(path):
        top = name.split(".")[0]
        target = _layer(name) if top == "prongsai" else None
        if layer in PURE:
            if top in ("django", "auditlog", "ninja"):
                problems.append(f"{name}: a pure layer imports Django")
            shared = any(name == s or name.startswith(s + ".") for s in SHARED)
            if target and target != layer and target not in ALLOWED_INSIDE[layer] and not shared:
                problems.append(f"{name}: {layer} may not import {target}")
        if layer == "agencies" and target == "plans":
            problems.append(f"{name}: agencies may not import plans")
        if layer in APPS and target in INTERFACES:
            problems.append(f"{name}: an app may not import the {target} layer")
        is_view = (
            layer in ("public", "api") or ".views" in module
        ) and module != "prongsai.api.models"
        if is_view and target in APPS and name.split(".")[2:3] == ["models"]:
            problems.append(f"{name}: views reach models through services and queries")
    assert not problems, "\n".join(problems)
