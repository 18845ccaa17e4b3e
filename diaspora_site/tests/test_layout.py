"""The layout's two rules, read from the code's own imports: no app imports one above it (the
order of INSTALLED_APPS, bottom first), and no files import each other, however indirectly.

Tests are left out: a test may set up records of the apps above the one it tests.
"""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _project_apps():
    """The project's own apps, bottom layer first."""
    return [
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(ROOT)
        and ".venv" not in Path(config.path).parts
        and "tests" not in config.name.split(".")
    ]


def _modules(app):
    folder = ROOT.joinpath(*app.split("."))
    for path in sorted(folder.rglob("*.py")):
        relative = path.relative_to(ROOT).with_suffix("")
        if "tests" in relative.parts:
            continue
        parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
        yield ".".join(parts), path


def _is_module(name):
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _imports(module, path):
    """The project modules `module` imports (at the top or inside a function)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        yield from (name for name in names if name and _is_module(name))


def _graph():
    return {
        module: {imported for imported in _imports(module, path) if imported != module}
        for app in _project_apps()
        for module, path in _modules(app)
    }


def _app_of(module, project_apps):
    return max((app for app in project_apps if f"{module}.".startswith(f"{app}.")), key=len)


def upward_imports(graph, project_apps):
    layer = {app: position for position, app in enumerate(project_apps)}
    return sorted(
        f"{module} imports {imported}"
        for module, imported_modules in graph.items()
        for imported in imported_modules
        if layer[_app_of(imported, project_apps)] > layer[_app_of(module, project_apps)]
    )


def cycles(graph):
    """The groups of files that import each other (Tarjan's strongly connected components)."""
    found = []
    index, low, stack, on_stack = {}, {}, [], set()

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.get(module, ()):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while not component or component[-1] != module:
                component.append(stack.pop())
                on_stack.discard(component[-1])
            if len(component) > 1:
                found.append(sorted(component))

    for module in graph:
        if module not in index:
            visit(module)
    return found


def test_no_app_imports_an_app_above_it():
    assert upward_imports(_graph(), _project_apps()) == []


def test_no_files_import_each_other():
    assert cycles(_graph()) == []


def test_the_checks_find_an_upward_import_and_a_cycle():
    project_apps = _project_apps()
    bottom, top = project_apps[0], project_apps[-1]
    graph = {f"{bottom}.probe": {f"{top}.urls"}, f"{top}.urls": set()}
    assert upward_imports(graph, project_apps) == [f"{bottom}.probe imports {top}.urls"]
    graph = {"a.x": {"a.y"}, "a.y": {"a.z"}, "a.z": {"a.x"}, "a.w": {"a.x"}}
    assert cycles(graph) == [["a.x", "a.y", "a.z"]]


def test_the_readme_lists_the_apps_in_their_layers():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## How the code is laid out") :]
    block = section[section.index("```") + 3 : section.index("```", section.index("```") + 3)]
    listed = [line.split("/")[0] for line in block.splitlines() if line and not line[0].isspace()]
    assert listed == _project_apps()
