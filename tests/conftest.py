import shutil

import pytest
from click.testing import CliRunner

from promo.cli import cli


@pytest.fixture(scope="session")
def seed_catalogue(tmp_path_factory):
    """The seed catalogue, built once per test session."""
    from promo.seeds import build_catalogue

    path = tmp_path_factory.mktemp("seed") / "catalogue.db"
    build_catalogue(path)
    return path


@pytest.fixture
def db_path(seed_catalogue, tmp_path):
    """A private copy of the seed catalogue for one test."""
    path = tmp_path / "catalogue.db"
    shutil.copy(seed_catalogue, path)
    return path


@pytest.fixture
def conn(db_path):
    from promo.db import open_catalogue

    c = open_catalogue(db_path)
    yield c
    c.close()


@pytest.fixture
def run(db_path, monkeypatch):
    """Invoke promo on the test's catalogue; returns the click Result."""
    monkeypatch.setenv("PROMO_TODAY", "2026-11-23")
    monkeypatch.setenv("COLUMNS", "200")  # tables at a fixed width, whatever terminal runs the tests
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(cli, ["--db", str(db_path), *map(str, args)], input=input, catch_exceptions=False)

    return invoke
