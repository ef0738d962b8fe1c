"""promo brief --format docx|html, charts and --charts DIR: documents people open, from the one Document."""

import io
import re
import zipfile

import pytest
from docx import Document as Word
from docx.oxml.ns import qn
from test_brief_cli import DATE, brief

from promo.brief.texts import t

LEAD = "示例医学影像设备（苏州）有限公司"


def write(run, tmp_path, name, *args):
    target = tmp_path / name
    result = run("brief", "--date", DATE, "-o", target, *args)
    assert result.exit_code == 0, result.output
    return target


def word_text(doc) -> str:
    """Every text of a Word document: body paragraphs, table cells, footers."""
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    parts += [p.text for s in doc.sections for p in s.footer.paragraphs]
    return "\n".join(parts)


def test_a_word_brief_has_the_markdown_briefs_headings_tables_and_charts(run, tmp_path):
    markdown = brief(run)
    doc = Word(write(run, tmp_path, "brief.docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == re.findall(r"^## (.+)$", markdown, re.M)
    subheadings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert subheadings == re.findall(r"^### (.+)$", markdown, re.M)
    assert doc.paragraphs[6].text == "济南国际医学中心招商推介" and doc.paragraphs[6].style.name == "Title"
    assert doc.paragraphs[7].text == "资料日期：2026年11月23日 · 公开版"
    assert len(doc.tables) == len(re.findall(r"^\|[:-]", markdown, re.M))
    carriers = next(tb for tb in doc.tables if tb.rows[0].cells[0].text == "载体")
    assert carriers.rows[1].cells[0].text == "海凭国际·济南医疗器械产业园"
    for table in doc.tables:  # the header row repeats on every page; no row breaks across pages
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    pictures = doc.inline_shapes
    assert len(pictures) == 3  # occupancy, investment and jobs by industry, signed and landed per quarter
    described = [el.get("descr") for el in doc.element.body.iter(qn("wp:docPr"))]
    assert described == ["各产业已签约企业的计划投资与就业", "各载体出租率 ※", "各季度签约与落地企业数"]


def test_a_word_brief_names_east_asian_fonts_and_numbers_its_pages(run, tmp_path):
    doc = Word(write(run, tmp_path, "brief.docx"))
    for style, font in (("Normal", "宋体"), ("Heading 1", "黑体"), ("Title", "黑体")):
        fonts = doc.styles[style].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == font
        assert fonts.get(qn("w:eastAsiaTheme")) is None
    body = doc.sections[1]
    footer_xml = body.footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    assert "标有 ※ 的内容为示例数据，并非来自公开报道。" in [p.text for p in body.footer.paragraphs]
    assert doc.sections[0].page_width.mm == pytest.approx(210, abs=0.5)


def test_a_word_brief_is_the_same_file_each_time(run, tmp_path):
    first = write(run, tmp_path, "a.docx").read_bytes()
    second = write(run, tmp_path, "b.docx").read_bytes()
    assert first == second
    assert all(info.date_time[:3] == (2026, 11, 23) for info in zipfile.ZipFile(io.BytesIO(first)).infolist())


def test_an_html_brief_is_one_self_contained_page_that_prints_to_a4(run, tmp_path):
    page = write(run, tmp_path, "brief.html").read_text(encoding="utf-8")
    markdown = brief(run)
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert re.findall(r"<h2>(.+?)</h2>", page) == re.findall(r"^## (.+)$", markdown, re.M)
    assert page.count("<table>") == len(re.findall(r"^\|[:-]", markdown, re.M))
    assert page.count('<img src="data:image/png;base64,') == 3
    assert not re.search(r"""(?:src|href)=["']?(?:https?:|//|file:)""", page)  # nothing fetched
    assert "<script" not in page
    for rule in ("size: A4", "break-before: page", "display: table-header-group", "break-inside: avoid"):
        assert rule in page


def test_catalogue_text_stays_text_in_html(run, conn, tmp_path):
    conn.execute("UPDATE carriers SET name = '<img src=x onerror=alert(1)>园' WHERE code = 'precision-med-park'")
    page = write(run, tmp_path, "brief.html", "--no-charts").read_text(encoding="utf-8")
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;园" in page


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_public_documents_carry_no_lead_and_no_personal_contact(run, conn, tmp_path, fmt):
    conn.execute(
        "UPDATE enterprises SET note = '底价 1.0 元', phone = '13955556666', contact = '吴联系' WHERE name = ?", (LEAD,)
    )
    conn.execute("UPDATE carriers SET contact_name = '王经理', contact_phone = '13811112222'")
    conn.execute("UPDATE zone SET positioning = positioning || '，咨询 13700001111'")
    path = write(run, tmp_path, f"brief.{fmt}")
    text = word_text(Word(path)) if fmt == "docx" else path.read_text(encoding="utf-8")
    for hidden in (LEAD, "项目D-影像", "底价", "13955556666", "吴联系", "王经理", "13811112222", "13700001111"):
        assert hidden not in text
    assert "［已隐去］" in text


def test_the_format_follows_the_file_name_and_must_agree_with_format(run, tmp_path):
    assert write(run, tmp_path, "brief.html", "--no-charts").read_text(encoding="utf-8").startswith("<!DOCTYPE")
    assert zipfile.is_zipfile(write(run, tmp_path, "brief.docx", "--no-charts"))
    result = run("brief", "-o", tmp_path / "brief.docx", "--format", "markdown")
    assert result.exit_code == 2
    assert "brief.docx: does not match --format markdown" in result.output
    assert "use -o brief.md, or --format docx" in result.output
    result = run("brief", "-o", tmp_path / "brief.pdf")
    assert result.exit_code == 2 and "a .pdf file is none of the brief's formats" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.docx", "brief.html", "catalogue.db"]


def test_a_word_brief_goes_to_standard_output_only_when_redirected(run):
    result = run("brief", "--date", DATE, "--format", "docx", "--no-charts")
    assert result.exit_code == 0
    assert zipfile.is_zipfile(io.BytesIO(result.stdout_bytes))


def test_markdown_links_chart_files_written_to_a_folder(run, tmp_path):
    (tmp_path / "charts").mkdir()
    target = write(run, tmp_path, "brief.md", "--charts", tmp_path / "charts")
    text = target.read_text(encoding="utf-8")
    links = re.findall(r"!\[(.+?)\]\(<(.+?)>\)", text)
    assert [link for _, link in links] == [
        "charts/brief-industries.png",
        "charts/brief-occupancy.png",
        "charts/brief-quarters.png",
    ]
    for _, link in links:
        assert (tmp_path / link).read_bytes().startswith(b"\x89PNG")
    plain = brief(run)
    assert "![" not in plain and text.replace("\n\n".join(["", ""]), "") != plain


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "docx", "--charts", "."], "--charts': .: only a Markdown brief links chart files"),
        (["--format", "wechat", "--charts", "."], "has no pictures"),
        (["--charts", ".", "--no-charts"], "cannot be combined with --no-charts"),
        (["--charts", "no-such-folder"], "no-such-folder: no such folder"),
        (["--charts", ""], "is empty"),
    ],
)
def test_bad_chart_options_are_usage_errors(run, args, message):
    result = run("brief", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_a_missing_plotting_library_says_how_to_install_it(run, tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name == "matplotlib" or name.startswith("matplotlib."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    result = run("brief", "-o", tmp_path / "brief.docx")
    assert result.exit_code == 1
    assert "matplotlib is not installed" in result.output
    assert "pip install 'matplotlib>=3.7'" in result.output and "--no-charts" in result.output
    assert not (tmp_path / "brief.docx").exists()
    assert zipfile.is_zipfile(write(run, tmp_path, "brief.docx", "--no-charts"))


def test_no_chart_is_drawn_in_tofu_without_a_chinese_font(run, tmp_path, monkeypatch):
    from matplotlib import font_manager

    from promo.brief import charts

    latin = [f for f in font_manager.fontManager.ttflist if f.name == "DejaVu Sans"]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", latin)
    monkeypatch.setattr(charts, "packaged_fonts", lambda: [])
    charts.font_for.cache_clear()
    try:
        result = run("brief", "-o", tmp_path / "brief.html")
        assert result.exit_code == 1
        assert "no installed font has every character" in result.output
        assert "apt-get install fonts-noto-cjk" in result.output and "--no-charts" in result.output
        assert not (tmp_path / "brief.html").exists()
        plain = run("brief", "--no-charts", "-o", tmp_path / "brief.html")
        assert plain.exit_code == 0, plain.output
    finally:
        charts.font_for.cache_clear()


def test_a_machine_without_a_chinese_font_draws_with_the_packaged_one(run, tmp_path, monkeypatch):
    from matplotlib import font_manager

    from promo.brief import charts

    packaged = charts.packaged_fonts()
    assert packaged, "the test extra installs mplfonts, whose Noto Sans CJK SC the charts fall back on"
    latin = [f for f in font_manager.fontManager.ttflist if f.name == "DejaVu Sans"]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", latin)
    charts.font_for.cache_clear()
    try:
        assert charts.font_for("入驻率 精准医学产业园") in packaged
        result = run("brief", "-o", tmp_path / "brief.html")
        assert result.exit_code == 0, result.output
    finally:
        charts.font_for.cache_clear()


def test_the_chart_font_has_every_character_of_the_chart():
    from matplotlib.ft2font import FT2Font

    from promo.brief.charts import font_for

    text = "各载体出租率海凭国际·济南医疗器械产业园（示例）"
    covered = set(FT2Font(font_for(text)).get_charmap())
    assert {ord(ch) for ch in text} <= covered


def test_charts_picture_the_signed_firms_only(conn):
    from promo.brief import Request, compose_brief
    from promo.brief.document import Chart

    def chart(name, **kw):
        doc = compose_brief(conn, Request(date=DATE, charts=True, fmt="html", **kw))
        return next(b for s in doc.sections for b in s.blocks if isinstance(b, Chart) and b.name == name)

    before = chart("industries")
    conn.execute("UPDATE enterprises SET investment_wan = 9999999, jobs = 99999 WHERE name = ?", (LEAD,))  # 洽谈
    assert chart("industries") == before
    signed = conn.execute(
        "SELECT sum(investment_wan), sum(jobs) FROM enterprises WHERE stage IN ('签约','注册','落地','投产','达效')"
        " AND industry_id IS NOT NULL"
    ).fetchone()
    invest, jobs = before.series
    assert "万元" in invest[0] and sum(v or 0 for v in invest[1]) == pytest.approx(signed[0])
    assert sum(v or 0 for v in jobs[1]) == signed[1]
    funnel = chart("funnel", audience="internal")
    assert (
        dict(zip(funnel.categories, funnel.series[0][1], strict=True))["意向"]
        == conn.execute("SELECT count(*) FROM enterprises WHERE stage = '意向'").fetchone()[0]
    )
    quarters = chart("quarters")
    assert len(quarters.categories) == 8 and quarters.categories[-1] == "2026\nQ4"
    assert (
        sum(quarters.series[0][1])
        == conn.execute(
            "SELECT count(DISTINCT enterprise_id) FROM stage_history"
            " WHERE stage = '签约' AND date BETWEEN '2025-01-01' AND ?",
            (DATE,),
        ).fetchone()[0]
    )


def test_english_counts_take_the_singular_for_one():
    assert t("ten.count", "en", n="1").startswith("In the zone, 1 firm has landed, is producing or has achieved its")
    assert t("ten.count", "en", n="2,001").startswith("In the zone, 2,001 firms have landed, are producing")
    assert t("fac.item", "en", name="showroom", units=1, vacant=0) == "showroom: 1 unit, 0 available"
    assert t("car.more", "en", n=1, area="10", area_ft="108").startswith("1 more carrier not listed")


def test_an_industry_whose_investment_is_not_known_has_no_bar_not_a_bar_of_0(conn):
    from promo.brief import Request, compose_brief
    from promo.brief.charts import draw
    from promo.brief.document import Chart

    def chart():
        doc = compose_brief(conn, Request(date=DATE, charts=True, fmt="html"))
        return next(b for s in doc.sections for b in s.blocks if isinstance(b, Chart) and b.name == "industries")

    # the seed's signed firms: planned investment known for some firms only, in some industries for none
    signed = "stage IN ('签约','注册','落地','投产','达效') AND industry_id IS NOT NULL"
    found = chart()
    invest, jobs = found.series
    assert None in invest[1] and 0 not in invest[1]  # an industry with no figure is not known, not 0
    assert found.unknown == "未填"
    assert found.note.startswith("柱为已填数字之和，不含") and "家企业未填的计划投资" in found.note
    # a figure of 0 given is drawn as 0, and the picture differs from one not known
    blank = draw(found)
    zeroed = Chart(**{**found.__dict__, "series": [(n, [v or 0 for v in vs]) for n, vs in found.series]})
    assert draw(zeroed) != blank
    conn.execute(f"UPDATE enterprises SET investment_wan = 0 WHERE {signed} AND investment_wan IS NULL")
    assert None not in chart().series[0][1] and chart().note.count("计划投资") == 0
