#!/usr/bin/env python
"""Check the project's import graph: no cycle, and each app imports only the apps below it.

    .venv/bin/python scripts/import_graph.py        (CI runs it; exit 1 on a problem)

Reads every Python module of the project's apps (tests and migrations left out) without
importing anything, and follows every import, at the top of a module or inside a
function alike, so a cycle cannot hide behind a function-level import. It prints:

- import cycles between modules (there must be none);
- imports of an app that is not below the importing one in LAYERS;
- function-level imports of the project's own modules, with the reason given in the
  comment above them (there should be few, each for a reason other than a cycle);
- how the non-test code is shared between the apps.
"""

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Each app may import the apps named here and nothing else of the project. The plugin
# (exercises) and how the site runs (siteops) know nothing of the rest.
LAYERS = {
    "exercises": set(),
    "siteops": set(),
    "staff": {"siteops"},
    "intake": {"siteops"},
    "home": {"exercises", "intake", "siteops"},
    "search": {"exercises"},
    "clinic_site": {"exercises", "home", "intake", "search", "siteops", "staff"},
}
SKIPPED_PARTS = {"tests", "migrations", "__pycache__"}


def project_modules():
    """{dotted module name: path} for every module of the apps in LAYERS."""
    modules = {}
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if SKIPPED_PARTS & set(parts):
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def resolve(module, path, node):
    """The absolute names an import statement brings in (modules or names in them)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    if node.level:
        base = package.split(".")
        base = base[: len(base) - node.level + 1]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module
    return [f"{prefix}.{alias.name}" for alias in node.names] + [prefix]


def imports_of(module, path, modules):
    """[(imported project module, line, inside a function)] for one module."""
    tree = ast.parse(path.read_text(), str(path))
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import | ast.ImportFrom):
                targets = resolve(module, path, child)
                # `from pkg import name`: the module pkg.name if there is one, else pkg.
                hit = next((name for name in targets if name in modules), None)
                if hit is None:
                    hit = next(
                        (
                            name.rpartition(".")[0]
                            for name in targets
                            if name.rpartition(".")[0] in modules
                        ),
                        None,
                    )
                if hit and hit != module:
                    found.append((hit, child.lineno, in_function))
            visit(child, nested)

    visit(tree, False)
    return found


def cycles(graph):
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []
    counter = [0]

    def connect(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for node in sorted(graph):
        if node not in index:
            connect(node)
    return result


def comment_above(path, line):
    lines = path.read_text().splitlines()
    above = lines[line - 2].strip() if line >= 2 else ""
    return above.lstrip("# ") if above.startswith("#") else "(no comment says why)"


def code_share():
    """Lines of Python outside tests/ (migrations included), by top-level folder."""
    lines = defaultdict(int)
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] in {".venv", "tests", "staticfiles", "media"} or "tests" in parts:
            continue
        lines[parts[0] if len(parts) > 1 else "(top level)"] += len(path.read_text().splitlines())
    return lines


def main():
    modules = project_modules()
    graph = {module: set() for module in modules}
    problems = []
    function_level = []
    for module, path in modules.items():
        app = module.split(".")[0]
        for target, line, in_function in imports_of(module, path, modules):
            graph[module].add(target)
            target_app = target.split(".")[0]
            where = f"{path.relative_to(ROOT)}:{line}"
            if target_app != app and target_app not in LAYERS[app]:
                problems.append(f"{where}: {app} imports {target} ({target_app} is not below it)")
            if in_function:
                function_level.append(f"{where}: {target} - {comment_above(path, line)}")

    found_cycles = cycles(graph)
    for component in found_cycles:
        problems.append("import cycle: " + " -> ".join(component))

    edges = sum(len(targets) for targets in graph.values())
    print(f"{len(modules)} modules, {edges} imports between them, {len(found_cycles)} cycles.")
    if function_level:
        print("Function-level imports of the project's own modules:")
        for line in function_level:
            print(f"  {line}")
    shares = code_share()
    total = sum(shares.values())
    print(f"Python outside tests/: {total} lines")
    for folder, count in sorted(shares.items(), key=lambda item: -item[1]):
        print(f"  {folder:<14} {count:>6}  {100 * count / total:5.1f} %")
    if problems:
        print("Problems:")
        for problem in problems:
            print(f"  {problem}")
        return 1
    print("No import cycle; every app imports only the apps below it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
