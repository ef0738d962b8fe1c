"""Every module imports, and no two modules import each other, directly or round a loop.

Imports inside functions count too: they defer loading (start-up), they do not untangle the design.
"""

import ast
import importlib
from pathlib import Path

import promo

ROOT = Path(promo.__file__).parent


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The promo modules `name` imports anywhere in its text (`from promo import x` counts as promo.x)."""
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}
    return {m for m in found if m in known and m != name}


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imports_of(name, path, set(mods)) for name, path in mods.items()}


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each a loop of imports."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(g[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def test_every_module_imports():
    for name in modules():
        if not name.endswith("__main__"):  # running it is `python -m promo`
            importlib.import_module(name)


def test_no_import_cycles():
    g = graph()
    # a package's __init__ importing its own submodules is not a loop between modules
    for name in g:
        g[name] = {m for m in g[name] if not m.startswith(name + ".") and not name.startswith(m + ".")}
    assert cycles(g) == []


def test_commands_do_not_import_each_other():
    g = graph()
    for name, deps in g.items():
        if name.startswith("promo.commands."):
            others = {
                d
                for d in deps
                if d.startswith("promo.commands.") and d not in ("promo.commands.common", "promo.commands.options")
            }
            assert not others, f"{name} imports {sorted(others)}"


# Modules still past the limit, with their size when this test was written: each is to be split along its
# seams (journal into the recorder and undo); none may grow, and no other module may pass the limit.
STILL_LONG: dict[str, int] = {}


def test_no_module_is_past_450_lines():
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules().items()}
    long = {name: n for name, n in sizes.items() if n > 450 and n > STILL_LONG.get(name, 0)}
    assert long == {}
