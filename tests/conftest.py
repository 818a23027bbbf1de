import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

import pytest
from hypothesis import HealthCheck, settings

from desk.policy.loader import Library

settings.register_profile("dev", max_examples=200, deadline=None)
settings.register_profile("ci", max_examples=400, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
POLICIES = ROOT / "resources" / "policies"


@pytest.fixture(scope="session")
def library() -> Library:
    return Library()


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """One desk per test module (identity, users, catalog, members M001-M003), copied by ``desk``."""
    from store_support import make_desk

    return make_desk(tmp_path_factory.mktemp("template"))


@pytest.fixture
def desk(template, tmp_path):
    from store_support import copy_desk

    return copy_desk(template, tmp_path / "desk.sqlite")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """A demo desk (200 members) built once for the GUI tests; each test gets its own copy."""
    from desk.policy.loader import Library
    from desk.store.database import open_db
    from desk.demo_desk import build_demo
    from gui_support import NOW

    path = tmp_path_factory.mktemp("demo") / "template.sqlite"
    build_demo(open_db(path), Library(), "puyang", members=200, now=NOW)
    return path


@pytest.fixture()
def session(demo_template, tmp_path, qapp):
    """The counter program's session on a copy of the demo desk, its clock fixed, its settings fresh."""
    from gui_support import fresh_session

    return fresh_session(demo_template, tmp_path)
