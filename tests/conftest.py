import os
from pathlib import Path

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
