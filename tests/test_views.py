"""The reviewer's exercise: a column added to units (the schema) and to the units view reaches every format."""

import json
import sqlite3

import pytest

from promo import views
from promo.render import Column


@pytest.fixture
def lift_column(db_path, monkeypatch):
    """units gains a freight-lift capacity (what a migration would add), and the units view one key and one
    column; nothing else changes."""
    conn = sqlite3.connect(db_path)
    conn.execute("ALTER TABLE units ADD COLUMN lift_t REAL")
    conn.execute("UPDATE units SET lift_t = 3.5 WHERE status = 'vacant'")
    conn.commit()
    conn.close()
    units = views.View(
        (*views.UNITS.keys, "lift_t"), (*views.UNITS.columns, Column("lift_t", "货梯 t", "num")), views.UNITS.title
    )
    monkeypatch.setattr(views, "VACANCIES", units.without("status", "tenant", "reserved_for"))
    monkeypatch.setattr(views, "CARRIER_UNITS", units.without("id", "carrier", "where"))


def test_a_new_units_column_reaches_every_format(run, lift_column):
    rows = json.loads(run("vacancies", "--format", "json").output)
    assert rows and all(r["lift_t"] == 3.5 for r in rows)
    csv_out = run("vacancies", "--format", "csv").output.splitlines()
    assert csv_out[0].split(",")[-1] == "lift_t" and csv_out[1].endswith(",3.5")
    assert "货梯 t" in run("vacancies", "--format", "markdown").output
    assert "货梯 t" in run("vacancies").output
    carrier = rows[0]["carrier_code"]
    assert "lift_t" in run("carriers", "show", carrier, "--format", "csv").output.splitlines()[0]
    assert "货梯 t" in run("carriers", "show", carrier, "--format", "markdown").output
