"""A rule another module needs has a public home: no module imports a private (_underscored) name of another."""

import ast

from test_imports_graph import modules

# promo.journal's private helpers move when issue-12w splits journal.py into the recorder and undo
STILL_PRIVATE = {("promo.revert", "promo.journal")}


def test_no_module_imports_another_modules_private_names():
    found = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("promo"):
                private = [a.name for a in node.names if a.name.startswith("_") and a.name not in ("_", "__version__")]
                if private and node.module != name and (name, node.module) not in STILL_PRIVATE:
                    found.append(f"{name} imports {', '.join(private)} from {node.module}")
    assert found == []
