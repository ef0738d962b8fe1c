"""promo export and template: workbooks Excel opens well, CSV with a BOM, formulas neutralised, and an
export that `promo import all` reads back exactly."""

import datetime as dt
import subprocess
import sys

from openpyxl import load_workbook
from pipeline_helpers import content


def cells(path):
    book = load_workbook(path)
    return {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()] for ws in book.worksheets}


def after_signing(run):
    """Rows in the after-signing lists, so the round trips cover their sheets."""
    steps = [
        ("ledger", "targets", "set", "--year", "2026", "--signed", "12", "--signed-investment", "30亿"),
        ("ledger", "targets", "set", "--year", "2026", "--owner", "张伟", "--quarter", "2", "--signed", "4"),
        ("ledger", "targets", "set", "--year", "2027", "--chain", "特色临床专科", "--arrived", "1.5亿"),
        ("policies", "update", "支持济南国际医学中心高质量发展政策清单", "--min-jobs", "50"),
        ("enterprises", "update", "晨生医疗", "--investment", "2亿"),
        # signed in January, landed in June, started building in March: the signing date must travel
        ("enterprises", "add", "示例签约后项目", "--date", "2025-01-05", "--investment", "5000", "--owner", "张伟"),
        ("enterprises", "move", "示例签约后项目", "落地", "--date", "2025-06-01"),
        ("enterprises", "milestone", "示例签约后项目", "开工", "--planned", "2025-02-01", "--date", "2025-03-01"),
        ("enterprises", "milestone", "晨生医疗", "开工", "--planned", "2026-01-10", "--date", "2026-01-20"),
        ("enterprises", "milestone", "晨生医疗", "竣工", "--planned", "2026-12-01", "--note", "主体完工"),
        ("enterprises", "report", "晨生医疗", "--year", "2026", "--completed-investment", "8000", "--arrived", "0.5亿"),
        ("enterprises", "report", "晨生医疗", "--year", "2026", "--quarter", "2", "--completed-investment", "3000"),
        ("enterprises", "report", "场御医疗", "--year", "2025", "--output", "1.2亿", "--tax", "800", "--land-mu", "40"),
        ("services", "departments", "add", "消防救援支队", "--alias", "消防"),
        ("services", "add", "晨生医疗", "消防验收", "--department", "消防",
         "--asked", "2026-05-01", "--due", "2026-06-01"),
        ("services", "apply", "晨生医疗", "--asked", "2026-03-01"),
        ("services", "update", "晨生医疗", "环评", "--done", "2026-04-20"),
        ("services", "templates", "add", "消防验收", "--department", "消防", "--industry", "高端医疗器械",
         "--days", "20"),
        ("coordination", "add", "晨生医疗", "双回路供电未接入", "--department", "供电公司", "--leader", "王主任",
         "--due", "2026-12-15", "--date", "2026-10-01"),
        ("coordination", "add", "晨生医疗", "人才公寓不足", "--leader", "李书记", "--date", "2026-09-01"),
        ("coordination", "close", "2", "--date", "2026-10-10"),
        ("events", "add", "2026中韩医疗器械对接会", "--date", "2026-04-18", "--place", "首尔", "--organiser", "管委会"),
        ("events", "sign", "中韩医疗器械对接会", "晨生医疗", "--kind", "mou", "--investment", "1.2亿"),
    ]  # fmt: skip
    for step in steps:
        assert run(*step).exit_code == 0, step


def test_export_then_import_into_the_same_catalogue_changes_nothing(run, db_path, tmp_path):
    after_signing(run)
    out = tmp_path / "清单.xlsx"
    result = run("export", "-o", out)
    assert result.exit_code == 0, result.output
    assert "chain 40 rows, carriers 10 rows, units 76 rows, platforms 6 rows, policies 11 rows" in result.output
    assert "enterprises 31 rows, targets 9 rows, scenarios 8 rows, ledger targets 4 rows" in result.output
    counts = "departments 15 rows, service templates 14 rows, milestones 2 rows, reports 3 rows, services 5 rows"
    assert counts in result.output
    assert "events 1 rows, deals 1 rows" in result.output
    before = content(db_path)
    again = run("import", "all", out)
    assert again.exit_code == 0, again.output
    assert "imported 0 of 31 rows (31 unchanged)" in again.output
    assert "service templates: imported 0 of 14 rows (14 unchanged)" in again.output
    for sheet in ("milestones: imported 0 of 2", "reports: imported 0 of 3", "services: imported 0 of 5"):
        assert sheet in again.output
    assert content(db_path) == before


def test_export_into_an_empty_zone_reproduces_the_lists(run, db_path, tmp_path):
    run("enterprises", "add", '=HYPERLINK("http://x")', "--note", '-1+HYPERLINK("http://x")', "--phone", "0531-1234567")
    assert run("targets", "promote", "示例生化原料企业").exit_code == 0  # a promoted target points at its enterprise
    after_signing(run)
    first = tmp_path / "a.xlsx"
    assert run("export", "-o", first).exit_code == 0
    empty = tmp_path / "empty.db"
    # a zone of the same name: the name the office gave at init changes only with --update
    assert run("--db", empty, "init", "--empty", "--zone", "济南国际医学中心").exit_code == 0
    result = run("--db", empty, "import", "all", first)
    assert result.exit_code == 0, result.output
    assert "zone: imported" in result.output and "rejected" not in result.output  # the profile, field by field
    assert "chain: imported 40 of 40 rows" in result.output and "units: imported 76 of 76 rows" in result.output
    assert "ledger targets: imported 4 of 4 rows (4 new)" in result.output
    assert "departments: imported 1 of 15 rows (1 new, 14 unchanged)" in result.output
    # an empty zone has only the paths every project needs; the seed industries' come with the chain sheet
    assert "service templates: imported 10 of 14 rows (10 new, 4 unchanged)" in result.output
    for sheet in ("milestones: imported 2 of 2", "reports: imported 3 of 3", "services: imported 5 of 5"):
        assert sheet in result.output
    for sheet in ("coordination: imported 2 of 2", "events: imported 1 of 1", "deals: imported 1 of 1"):
        assert sheet in result.output
    for args in (("enterprises", "milestone", "示例签约后项目"), ("ledger", "--year", "2026", "--by", "owner")):
        assert run(*args).output == run("--db", empty, *args).output  # the signing date came along
    # claimed on 2025-01-05 and landed on 2025-06-01: the claim keeps its own date, not the stage's
    assert "(first-report claim since 2025-01-05)" in run("--db", empty, "enterprises", "show", "示例签约后项目").output
    second = tmp_path / "b.xlsx"
    assert run("--db", empty, "export", "-o", second).exit_code == 0
    assert cells(first) == cells(second)  # every sheet, cell for cell: holdings, samples, codes, dates


def test_the_workbook_is_typed_frozen_validated_and_safe(run, tmp_path):
    run(
        "enterprises",
        "add",
        "公式测试",
        "--note",
        "=1+1",
        "--investment",
        "1.2亿",
        "--phone",
        "13800000000",
        "--uscc",
        "91110000600037341L",
        "--date",
        "2026-10-01",
    )
    path = tmp_path / "e.xlsx"
    assert run("export", "enterprises", "-o", path).exit_code == 0
    ws = load_workbook(path)["企业"]
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header[:3] == ["企业名称", "统一社会信用代码", "英文名称"] and "投资额(万元)" in header
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "公式测试")
    by = dict(zip(header, row, strict=False))
    assert by["统一社会信用代码"].data_type == "s" and by["统一社会信用代码"].number_format == "@"
    assert by["联系电话"].value == "13800000000" and by["联系电话"].data_type == "s"
    assert by["投资额(万元)"].value == 12000 and by["阶段日期"].value == dt.datetime(2026, 10, 1)
    assert by["备注"].value == "'=1+1" and by["备注"].data_type == "s"
    assert any(dv.formula1.startswith('"意向,洽谈,签约') for dv in ws.data_validations.dataValidation)
    sample = next(r for r in ws.iter_rows(min_row=2) if r[-1].value == "是")
    assert sample[0].fill.fgColor.rgb.endswith("FFF2CC")


def test_csv_export_has_a_bom_quotes_codes_and_neutralises_formulas(run, tmp_path):
    run("enterprises", "add", "CSV测试", "--note", '-1+HYPERLINK("http://x")', "--phone", "13800000000", "--jobs", "5")
    path = tmp_path / "e.csv"
    assert run("export", "enterprises", "-o", path, "--lang", "en").exit_code == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("name,credit code,English name")
    line = next(x for x in text.splitlines() if x.startswith("CSV测试"))
    assert "'-1+HYPERLINK" in line and '"13800000000"' in line and ",5," in line


def test_format_csv_gets_a_bom_in_a_file_and_none_in_a_pipe(db_path, tmp_path):
    cmd = [sys.executable, "-m", "promo", "--db", str(db_path), "enterprises", "--format", "csv"]
    with (tmp_path / "out.csv").open("wb") as fh:
        subprocess.run(cmd, stdout=fh, check=True)
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    piped = subprocess.run(cmd, stdout=subprocess.PIPE, check=True).stdout
    assert piped.startswith(b"id,name")


def test_no_header_means_two_fields_of_one_list():
    from promo.io.headers import header_key
    from promo.io.lists import all_adapters

    for a in all_adapters():
        seen = {}
        for f in a.FIELDS:
            for h in {f.key, f.zh, f.en, *f.aliases}:
                assert seen.setdefault(header_key(h), f.key) == f.key, (a.EN, h)


def test_template_has_headers_example_dropdowns_and_notes(run, db_path, tmp_path):
    path = tmp_path / "模板.xlsx"
    assert run("template", "enterprises", "-o", path).exit_code == 0
    book = load_workbook(path)
    assert book.sheetnames == ["企业", "说明"]
    ws = book["企业"]
    assert ws.max_row == 2 and ws["A2"].value == "济南示例医疗科技有限公司"
    assert ws.data_validations.dataValidation
    notes = [tuple(c.value for c in r) for r in book["说明"].iter_rows(min_row=2, max_row=3)]
    assert notes[0][:3] == ("企业名称", "name", "是")
    before = content(db_path)
    preview = run("import", "enterprises", path, "--dry-run")
    assert preview.exit_code == 0 and "would import 1 of 1" in preview.output
    assert content(db_path) == before


def test_export_refuses_what_it_cannot_write(run, tmp_path):
    assert run("export", "-o", tmp_path / "x.txt").exit_code == 2
    both = run("export", "enterprises", "targets", "-o", tmp_path / "x.csv")
    assert both.exit_code == 2 and "a CSV holds one list" in both.output
    assert run("export", "nosuch", "-o", tmp_path / "x.xlsx").exit_code == 2
    assert run("export", "-o", tmp_path / "no" / "x.xlsx").exit_code == 2
    assert not list(tmp_path.glob("*.xlsx"))


def test_progress_bars_only_on_a_terminal_and_only_for_long_runs(monkeypatch):
    from promo.commands import transfer

    assert transfer._progress(10**6, "enterprises") == (None, None)  # stderr here is not a terminal
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    assert transfer._progress(transfer.PROGRESS_FROM - 1, "enterprises") == (None, None)


def test_export_and_template_replace_a_file_only_with_force(run, tmp_path):
    for command in (("export", "enterprises"), ("template", "enterprises")):
        path = tmp_path / "kept.xlsx"
        path.write_bytes(b"the office's own workbook")
        refused = run(*command, "-o", path)
        assert refused.exit_code == 2, refused.output
        assert f"-o {path}: exists already" in refused.output and "--force" in refused.output
        assert path.read_bytes() == b"the office's own workbook"
        assert run(*command, "-o", path, "--force").exit_code == 0
        assert load_workbook(path).sheetnames
