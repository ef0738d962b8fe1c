"""Quarters as officers write them (project_periods.parse_quarter), and through --quarter."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from promo.errors import BadValue
from promo.project_periods import parse_quarter

FORMS = ("{n}", "Q{n}", "q{n}", "第{c}季度", "{c}季度", "第{n}季度", "{c}季", " Q {n} ")
CHINESE = "一二三四"


@given(st.integers(1, 4), st.sampled_from(FORMS), st.booleans())
def test_every_way_of_writing_a_quarter_reads_as_it(n, form, full_width):
    text = form.format(n=n, c=CHINESE[n - 1])
    if full_width:  # Ｑ３, ３ as a Chinese keyboard types them
        text = "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)
    assert parse_quarter(text) == n


@pytest.mark.parametrize("text", ["0", "5", "Q0", "Q5", "第五季度", "三季度度", "13", "Q", "上半年", "1.5"])
def test_anything_else_is_refused_naming_the_option(text):
    with pytest.raises(BadValue) as found:
        parse_quarter(text)
    assert found.value.field == "--quarter"


def test_quarter_as_written_in_a_report_and_a_target(run):
    assert run("enterprises", "add", "季度甲", "--date", "2026-03-01").exit_code == 0
    assert (
        run("enterprises", "report", "季度甲", "--year", "2026", "--quarter", "第三季度", "--arrived", "50").exit_code
        == 0
    )
    assert run("ledger", "targets", "set", "--year", "2026", "--quarter", "Q3", "--arrived", "80").exit_code == 0
    result = run("ledger", "targets", "set", "--year", "2026", "--quarter", "", "--arrived", "80")
    assert result.exit_code == 2 and "--quarter" in result.output and "is empty" in result.output
    assert "2026 Q3" in run("enterprises", "report", "季度甲").output


@pytest.mark.parametrize(
    "date, quarter",
    [("2026-01-01", (2026, 1)), ("2026-03-31", (2026, 1)), ("2026-04-01", (2026, 2)), ("2026-12-31", (2026, 4))],
)
def test_the_quarter_a_date_falls_in(date, quarter):
    from promo.project_periods import quarter_of

    assert quarter_of(date) == quarter
