"""The brief as a Word document (python-docx), from the same Document as every other format.

A4, a title page, real headings (Word's navigation pane lists them), real tables whose header row repeats on
every page, East Asian fonts named in w:eastAsia (so WPS does not fall back to a Latin font), page numbers,
and the sample-data note in the footer when the brief shows sample data. Charts are embedded as pictures.
"""

from __future__ import annotations

import io
import re
import zipfile

from promo.brief.document import Chart, Document, Facts, Heading, Items, Note, Paragraph, Table

# Chinese: 宋体 for text and 黑体 for headings, the fonts every Chinese Word and WPS has.
BODY_FONT = ("Calibri", "宋体")
HEADING_FONT = ("Calibri", "黑体")
CHART_WIDTH_CM = 16


def render(doc: Document, images: dict[str, bytes], date: str) -> bytes:
    """The .docx file's bytes; the same Document and images always give the same bytes (fixed zip times)."""
    from docx import Document as Word
    from docx.enum.section import WD_SECTION
    from docx.shared import Mm, Pt

    word = Word()
    _styles(word, Pt)
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(20))
    section.top_margin = section.bottom_margin = Mm(22)
    props = word.core_properties
    props.title, props.author, props.language = doc.title, "promo", "zh-CN" if doc.lang == "zh" else "en"
    props.comments = doc.subtitle
    props.created = props.modified = props.last_printed = _datetime(date)
    props.revision = 1

    _title_page(word, doc)
    body = word.add_section(WD_SECTION.NEW_PAGE)  # the title page has no page number
    body.footer.is_linked_to_previous = False
    _footer(body.footer, doc)
    if doc.salutation:
        for line in doc.salutation:
            word.add_paragraph(line)
    for s in doc.sections:
        word.add_heading(s.title, level=1)
        for block in s.blocks:
            _block(word, block, images, doc.lang)
    word.add_paragraph(doc.footer, style="Caption")

    out = io.BytesIO()
    word.save(out)
    return _fixed_times(out.getvalue(), date)


def _styles(word, Pt) -> None:
    from docx.oxml.ns import qn

    def fonts(style, latin: str, east: str) -> None:
        style.font.name = latin  # w:ascii and w:hAnsi
        rpr = style.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.insert(0, rfonts)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(theme), None)  # a theme font would win over the named one in some readers
        rfonts.set(qn("w:eastAsia"), east)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = rpr.makeelement(qn("w:lang"), {})
            rpr.append(lang)
        lang.set(qn("w:eastAsia"), "zh-CN")

    styles = word.styles
    fonts(styles["Normal"], *BODY_FONT)
    styles["Normal"].font.size = Pt(10.5)  # 五号
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
        fonts(styles[name], *HEADING_FONT)
    for name in ("Caption", "List Bullet", "Table Grid", "Footer"):
        fonts(styles[name], *BODY_FONT)
    styles["Title"].font.size = Pt(24)
    styles["Heading 1"].font.size = Pt(16)
    styles["Heading 2"].font.size = Pt(13)


def _title_page(word, doc: Document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    for _ in range(6):
        word.add_paragraph()
    title = word.add_paragraph(doc.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = word.add_paragraph(doc.subtitle, style="Subtitle")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in (doc.banner, doc.as_of, doc.notice):
        if text:
            p = word.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(text)
            run.bold = text == doc.banner
            run.font.size = Pt(9)


def _footer(footer, doc: Document) -> None:
    """Page n of m, and the sample-data note where the brief shows sample data."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if doc.lang == "zh":
        parts = ["第 ", "PAGE", " 页，共 ", "NUMPAGES", " 页"]
    else:
        parts = ["Page ", "PAGE", " of ", "NUMPAGES", ""]
    for part in parts:
        if part in ("PAGE", "NUMPAGES"):
            _field(p, part)
        elif part:
            p.add_run(part).font.size = Pt(8)
    if doc.notice:
        note = footer.add_paragraph(doc.notice)
        note.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in note.runs:
            run.font.size = Pt(8)


def _field(paragraph, code: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = paragraph.add_run()
    run.font.size = Pt(8)
    for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text.strip() == code:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def _block(word, block, images: dict[str, bytes], lang: str) -> None:
    from docx.shared import Cm, Pt

    if isinstance(block, Heading):
        word.add_heading(block.text, level=2)
    elif isinstance(block, Paragraph):
        word.add_paragraph(block.text)
    elif isinstance(block, Note):
        p = word.add_paragraph()
        run = p.add_run(block.text)
        run.italic, run.font.size = True, Pt(9)
    elif isinstance(block, Facts):
        colon = "：" if lang == "zh" else ": "
        for label, value in block.items:
            p = word.add_paragraph(style="List Bullet")
            p.add_run(label + colon).bold = True
            p.add_run(value)
    elif isinstance(block, Items):
        for item in block.items:
            word.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Table):
        _table(word, block)
    elif isinstance(block, Chart):
        png = images.get(block.name)
        if png is not None:
            word.add_picture(io.BytesIO(png), width=Cm(CHART_WIDTH_CM))  # titled in the picture
            _describe(word, block.title)
    else:
        raise TypeError(f"unknown block {block!r}")


def _describe(word, text: str) -> None:
    """The last picture's alternative text, for screen readers."""
    from docx.oxml.ns import qn

    for pr in word.paragraphs[-1]._p.iter(qn("wp:docPr")):
        pr.set("descr", text)


def _table(word, block: Table) -> None:
    """A table written as WordprocessingML in one piece: python-docx's cell by cell API takes seconds for a
    few hundred cells. The header row repeats on every page and no row is split across two pages."""
    from docx.oxml import parse_xml

    size = 18 if len(block.headers) <= 6 else 15  # half-points: 9 pt, or 7.5 pt for wide tables
    widths = [round(mm * 56.7) for mm in _widths(block, size / 2)]  # twips
    out = [
        f'<w:tbl {_NS}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    for r, values in enumerate([block.headers, *block.rows]):
        header = r == 0
        out.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>")
        for c, width in enumerate(widths):
            value = values[c] if c < len(values) else ""
            jc = {"right": "right", "center": "center"}.get(block.align[c] if c < len(block.align) else "", "left")
            shade = '<w:shd w:val="clear" w:color="auto" w:fill="E8EEF4"/>' if header else ""
            bold = "<w:b/>" if header else ""
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
                f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/><w:jc w:val="{jc}"/></w:pPr>'
                f'<w:r><w:rPr>{bold}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
                f'<w:t xml:space="preserve">{_xml_text(value)}</w:t></w:r></w:p></w:tc>'
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    spacer = word.add_paragraph()
    spacer._p.addprevious(parse_xml("".join(out)))


_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# characters XML 1.0 cannot carry at all (catalogue text is one line already, but a table cell is written raw)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(_NOT_XML.sub("", str(text)))


def _widths(block: Table, size_pt: float) -> list[float]:
    """Column widths in mm: figures get the width they need on one line; text columns share the rest of the
    page's 170 mm by how much text they hold (a CJK character counts two)."""
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    per_char = size_pt * 0.24  # mm per half-width character, with room for the cell's padding
    fixed, share = {}, {}
    for c, header in enumerate(block.headers):
        cells = [width(row[c]) for row in block.rows if c < len(row)] or [0]
        word = max((width(w) for w in header.split()), default=1)
        if (c < len(block.align) and block.align[c] == "right") or max(cells) <= 12:  # figures, codes, dates
            fixed[c] = (max(max(cells), word) + 2) * per_char
        else:
            share[c] = max(min(max(cells), 30), word, 4)
    room = max(170 - sum(fixed.values()), 20 * len(share))
    total = sum(share.values()) or 1
    widths = {**fixed, **{c: room * n / total for c, n in share.items()}}
    scale = min(1.0, 170 / sum(widths.values()))  # never wider than the page
    return [widths[c] * scale for c in range(len(block.headers))]


def _datetime(date: str):
    from datetime import datetime

    return datetime(int(date[:4]), int(date[5:7]), int(date[8:10]))


def _fixed_times(data: bytes, date: str) -> bytes:
    """The zip rewritten with every entry dated on the brief's date, so the file depends on content only."""
    year, month, day = (int(x) for x in (date[:4], date[5:7], date[8:10]))
    stamp = (max(year, 1980), month, day, 0, 0, 0)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
