"""Test modules never import each other (nor a conftest): what several tests share lives in
tests/support/, so that a test module can be read, moved or deleted on its own."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def is_test_module(module: str) -> bool:
    """`tests.integration.test_pages_admin` or a conftest: modules pytest runs or loads."""
    last = module.rsplit(".", 1)[-1]
    return module.startswith("tests.") and (last.startswith("test_") or last == "conftest")


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # `from tests.integration import test_pages_admin` imports a module too.
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            found.add("relative import")
    return found


def test_no_test_module_imports_another_test_module() -> None:
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        for module in sorted(imported_modules(path)):
            if module == "relative import" or is_test_module(module):
                offenders.append(f"{path.relative_to(TESTS.parent)} imports {module}")
    assert offenders == []


def test_the_check_sees_the_imports_it_forbids(tmp_path: Path) -> None:
    sample = tmp_path / "test_sample.py"
    sample.write_text("from tests.integration.test_pages_admin import sign_in\n"
                      "from tests.conftest import World\n"
                      "from tests.integration import test_api_projects\n"
                      "from tests.support.pages import sign_in as fine\n")
    forbidden = {module for module in imported_modules(sample) if is_test_module(module)}
    assert forbidden == {"tests.integration.test_pages_admin", "tests.conftest",
                         "tests.integration.test_api_projects"}
