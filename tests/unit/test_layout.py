"""The layout rules, checked on the source with `ast` (nothing is imported):

- no module in careermate_bot/discord_ui imports a cog, names a feature or imports the bot;
- no cog imports another cog (features talk through bot events);
- services mirror cogs: every cog feature has its service package, and a cog reaches a service
  only through the package's face (`careermate_bot.services.<feature>`), never its modules;
- no service or knowledge module imports discord;
- no runtime module keeps a module-level default it rebinds (`global`) or a setter for one;
- no service signature takes `Any` for a knowledge base, an LLM client or another service;
- no import cycles between the project's modules (imports under `if TYPE_CHECKING:` don't run,
  so they don't count; imports inside functions do).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("careermate_bot", "cogs", "models")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "data" not in path.relative_to(ROOT).parts:
                found[_module_name(path)] = path
    return found


MODULES = _modules()


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk_runtime(node: ast.AST) -> Iterator[ast.AST]:
    """Every node, except what sits under `if TYPE_CHECKING:`."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:
                yield other
                yield from _walk_runtime(other)
            continue
        yield child
        yield from _walk_runtime(child)


def _imports(module: str, *, runtime_only: bool) -> set[str]:
    """Names `module` imports: project modules resolved to the deepest module that exists,
    other names (discord, tortoise, ...) as written."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    nodes = _walk_runtime(tree) if runtime_only else ast.walk(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                names.add(candidate if candidate in MODULES else base)
    return names


def _feature(module: str) -> str | None:
    """`cogs.jobs.views` -> "jobs"; `cogs.help` -> "help"; not a cog -> None."""
    parts = module.split(".")
    return parts[1] if parts[0] == "cogs" and len(parts) > 1 else None


def test_the_walk_sees_the_layout() -> None:
    assert {"cogs.career.commands", "cogs.jobs.views", "cogs.help"} <= set(MODULES)
    assert "careermate_bot.discord_ui.items" in MODULES
    assert _imports("cogs.career.views", runtime_only=True) >= {
        "careermate_bot.discord_ui.items",
        "cogs.career.embeds",
    }


def test_discord_ui_never_imports_a_cog() -> None:
    bad = {
        (module, name)
        for module in MODULES
        if module.startswith("careermate_bot.discord_ui")
        for name in _imports(module, runtime_only=False)
        if name == "cogs" or name.startswith("cogs.")
    }
    assert not bad, f"shared widgets must not depend on a feature: {sorted(bad)}"


def test_no_cog_imports_another_cog() -> None:
    bad = set()
    for module in MODULES:
        feature = _feature(module)
        if feature is None:
            continue
        for name in _imports(module, runtime_only=False):
            other = _feature(name)
            if other is not None and other != feature:
                bad.add((module, name))
    assert not bad, f"cogs talk through bot events, not imports: {sorted(bad)}"


SERVICE_FEATURES = ("career", "jobs", "profile", "resume", "interview", "conversation", "guide")
COG_ONLY = {"help"}  # lists the commands; no service of its own


def test_services_mirror_cogs() -> None:
    cogs = {feature for module in MODULES if (feature := _feature(module)) is not None}
    services = {
        module.split(".")[2]
        for module in MODULES
        if module.startswith("careermate_bot.services.") and MODULES[module].name == "__init__.py"
    }
    assert cogs - COG_ONLY <= services, f"a cog without its service: {cogs - COG_ONLY - services}"
    for feature in SERVICE_FEATURES:
        assert f"careermate_bot.services.{feature}" in MODULES, feature


def test_cogs_reach_services_only_through_their_package_face() -> None:
    bad = set()
    for module in MODULES:
        if _feature(module) is None:
            continue
        for name in _imports(module, runtime_only=False):
            parts = name.split(".")
            if parts[:2] == ["careermate_bot", "services"] and len(parts) > 3:
                bad.add((module, name))
    assert not bad, f"import the feature's package, not its modules: {sorted(bad)}"


def test_discord_ui_names_no_feature_and_not_the_bot() -> None:
    bad = set()
    for module in MODULES:
        if not module.startswith("careermate_bot.discord_ui"):
            continue
        for name in _imports(module, runtime_only=False):
            if name == "careermate_bot.bot" or any(
                name.startswith(f"careermate_bot.services.{f}") for f in SERVICE_FEATURES
            ):
                bad.add((module, name))
        text = MODULES[module].read_text(encoding="utf-8")
        for command in ("/career", "/jobs", "/resume", "/interview", "/profile"):
            if f"`{command}" in text or f'"{command}' in text:
                bad.add((module, command))
    assert not bad, f"shared widgets stay feature-free: {sorted(bad)}"


def _runtime_modules() -> list[str]:
    return [m for m in MODULES if not m.startswith("models")]


def test_no_module_level_mutable_default() -> None:
    bad = set()
    for module in _runtime_modules():
        tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                bad.add((module, "global " + ", ".join(node.names)))
            if isinstance(node, ast.FunctionDef) and node.name.startswith("set_default"):
                bad.add((module, node.name))
    assert not bad, f"pass what a service needs; no process-wide defaults: {sorted(bad)}"


WIRED = {"knowledge", "kb", "llm", "client", "bank", "profiles", "services", "occupation"}


def test_no_any_for_wired_parts_in_service_signatures() -> None:
    bad = set()
    for module in MODULES:
        if not module.startswith("careermate_bot.services"):
            continue
        tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            args = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
            for arg in args:
                if arg.arg in WIRED and arg.annotation is not None:
                    if "Any" in ast.unparse(arg.annotation):
                        bad.add((module, f"{node.name}({arg.arg})"))
    assert not bad, f"type the knowledge base, LLM client and services: {sorted(bad)}"


def test_services_and_knowledge_never_import_discord() -> None:
    layers = ("careermate_bot.services", "careermate_bot.knowledge")
    bad = {
        (module, name)
        for module in MODULES
        if module.startswith(layers)
        for name in _imports(module, runtime_only=False)
        if name == "discord" or name.startswith("discord.")
    }
    assert not bad, f"services and knowledge stay Discord-free: {sorted(bad)}"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
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
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    graph = {
        module: {n for n in _imports(module, runtime_only=True) if n in MODULES and n != module}
        for module in MODULES
    }
    # A package's __init__ importing its own submodules (re-exports) is not a cycle of design.
    for module, targets in graph.items():
        if MODULES[module].name == "__init__.py":
            graph[module] = {t for t in targets if not t.startswith(module + ".")}
    assert not _cycles(graph), f"import cycles: {_cycles(graph)}"


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
