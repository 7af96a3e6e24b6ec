"""How the suite is shared between the two test workers (`make test` runs pytest-xdist with
`--dist loadgroup`): each test file runs whole on one worker, so its module fixtures start
once; the integration and the scale tests share session fixtures (one running assistant, one
cluster), so each of those folders runs whole on one worker."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ONE_WORKER_FOLDERS = ("integration", "scale")


def worker_group(path: Path) -> str:
    """The xdist group of a test file: its folder for ONE_WORKER_FOLDERS, else the file."""
    relative = path.resolve().relative_to(TESTS)
    if relative.parts[0] in ONE_WORKER_FOLDERS:
        return relative.parts[0]
    return relative.as_posix()


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if not any(mark.name == "xdist_group" for mark in item.iter_markers()):
            item.add_marker(pytest.mark.xdist_group(worker_group(Path(item.path))))
