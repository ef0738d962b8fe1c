import shutil

import pytest
from click.testing import CliRunner

from promo.cli import cli


@pytest.fixture(autouse=True)
def own_config_folder(tmp_path_factory, monkeypatch):
    """Every test has its own empty config folder: the developer's own `promo config` never leaks in."""
    monkeypatch.setenv("PROMO_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Tests read English unless they ask for Chinese (tests/test_i18n.py): the developer's locale never counts."""
    monkeypatch.setenv("PROMO_LANG", "en")


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


@pytest.fixture
def tiny():
    """A tiny in-memory catalogue for domain tests: the schema, one zone and a two-tree industry chain.

    Domain tests build what they need on it, so a seed edit never ripples into them.
    """
    from promo.db import connect, migrate
    from promo.text import fold

    c = connect(":memory:")
    migrate(c)
    c.execute("INSERT INTO zone (id, code, name) VALUES (1, 'z', '示例园区')")
    tree = [
        (1, "med", None, "industry", None, "医疗器械"),
        (2, "imaging", 1, "chain", None, "医学影像"),
        (3, "parts", 2, "link", "上游", "核心部件"),
        (4, "systems", 2, "link", "中游", "整机"),
        (5, "bio", None, "industry", None, "生物医药"),
        (6, "drugs", 5, "chain", None, "创新药"),
    ]
    c.executemany(
        "INSERT INTO industries (id, code, parent_id, level, segment, name, name_folded) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(*t, fold(t[-1])) for t in tree],
    )
    yield c
    c.close()
