"""A brief is safe to share: what a public brief never shows, and catalogue text that cannot break Markdown.

Checked on the real seed catalogue and on hostile data inserted here: names with |, *, backticks, <script>,
newlines; personal phones and e-mails in free text; a lead before 签约 that holds a unit.
"""

import html
import itertools
import re

import pytest
from markdown_it import MarkdownIt

from promo.text import fold

DATE = "2026-11-23"
MD = MarkdownIt("commonmark").enable("table")

HOSTILE = "恶意|园区*粗*`code`<script>alert(1)</script>\n# 不是标题\n- 不是列表 [链接](http://x) &amp;"
HOSTILE_SHOWN = " ".join(HOSTILE.split())  # what a reader should see: the same text on one line

# Things no public brief may contain, whatever its focus, language or format.
SECRETS = [
    "秘密线索公司",
    "Secret Lead Co",
    "项目Z-秘密",
    "98,765",
    "98765",
    "9.88 亿",
    "987.65 million",
    "987.65",
    "456.78",
    "王负责",
    "李联系",
    "13800001111",
    "机密备注",
    "赵负责人",
    "钱联系人",
    "13700002222",
    "内部备注甲",
    "45,678",
    "4.57 亿",
    "13912345678",
    "leak@example.com",
]


def unescaped_pipes(line: str) -> int:
    count, i = 0, 0
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        count += line[i] == "|"
        i += 1
    return count


def check_markdown(text: str) -> list:
    """Parse a brief: no raw HTML, and every table row has as many cells as its header. Returns tokens."""
    tokens = MD.parse(text)
    lines = text.splitlines()
    tables = 0
    for token in tokens:
        assert token.type not in ("html_block", "html_inline"), f"raw HTML in the brief: {token.content!r}"
        for child in token.children or []:
            assert child.type != "html_inline", f"raw HTML in the brief: {child.content!r}"
        if token.type == "table_open":
            tables += 1
            start, end = token.map
            widths = {unescaped_pipes(line) for line in lines[start:end]}
            assert len(widths) == 1, f"table rows differ in cell count: {lines[start:end]}"
    rendered = MD.render(text)
    assert "<script" not in rendered
    return tokens


def headings(tokens) -> list[str]:
    out = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            out.append(tokens[i + 1].content)
    return out


@pytest.fixture
def hostile(conn):
    """The seed catalogue plus hostile and private data, inserted directly."""
    now = "2026-11-01 10:00:00"
    device = conn.execute("SELECT id FROM industries WHERE code = 'med-device'").fetchone()[0]
    chain = conn.execute("SELECT id FROM industries WHERE code = 'md-robot'").fetchone()[0]
    conn.execute(
        "INSERT INTO carriers (code, name, name_en, name_folded, kind, description, description_en, contact_name,"
        " contact_phone, address, status, sample)"
        " VALUES ('evil', ?, ?, ?, 'park', ?, ?, '孙私人', '13600003333', ?, '运营中\n# 伪状态 13912345678', 0)",
        (
            HOSTILE,
            "Evil | Park *bold* <img src=x onerror=alert(1)>",
            fold(HOSTILE),
            "园区介绍，联系张三 13912345678 或 leak@example.com\n## 伪造小节",
            "Call 13912345678 or leak@example.com",
            "地址|第二列",
        ),
    )
    carrier = conn.execute("SELECT id FROM carriers WHERE code = 'evil'").fetchone()[0]
    conn.execute("INSERT INTO carrier_industries (carrier_id, industry_id) VALUES (?, ?)", (carrier, device))
    conn.execute(
        "INSERT INTO facilities (name, name_en, name_folded) VALUES (?, ?, ?)",
        ("设施`|`<b>", "facility `|` <b>", fold("设施`|`<b>")),
    )
    facility = conn.execute("SELECT id FROM facilities WHERE name = '设施`|`<b>'").fetchone()[0]
    for code, area in (("U|1`<i>", 900.0), ("U-2\n# x", 500.0), ("*3*", 300.0)):
        conn.execute(
            "INSERT INTO units (carrier_id, code, building, floor, area_m2, rent, status, floor_load_kn, ready_date)"
            " VALUES (?, ?, 'B|1', 2, ?, 1.1, 'vacant', 8, '2026-01-01')",
            (carrier, code, area),
        )
        unit = conn.execute("SELECT id FROM units WHERE code = ?", (code,)).fetchone()[0]
        conn.execute("INSERT INTO unit_facilities (unit_id, facility_id) VALUES (?, ?)", (unit, facility))

    def enterprise(name, name_en, stage, **extra):
        fields = {
            "name": name,
            "name_en": name_en,
            "name_folded": fold(name),
            "stage": stage,
            "stage_date": "2026-10-01",
            "created_at": now,
            "industry_id": device,
            **extra,
        }
        cols = ", ".join(fields)
        conn.execute(f"INSERT INTO enterprises ({cols}) VALUES ({', '.join('?' * len(fields))})", list(fields.values()))
        return conn.execute("SELECT id FROM enterprises WHERE name = ?", (name,)).fetchone()[0]

    lead = enterprise(
        "秘密线索公司",
        "Secret Lead Co",
        "洽谈",
        investment_wan=98765.4,
        owner="王负责",
        contact="李联系",
        phone="13800001111",
        note="机密备注",
        code_name="项目Z-秘密",
    )
    # a lead that already holds a unit must still not appear publicly (through the unit or the carrier)
    conn.execute(
        "INSERT INTO units (carrier_id, code, floor, area_m2, rent, status, enterprise_id)"
        " VALUES (?, 'L-1', 1, 100, 1, 'leased', ?)",
        (carrier, lead),
    )
    enterprise(
        "落地企业甲",
        None,
        "落地",
        carrier_id=carrier,
        investment_wan=45678,
        jobs=77,
        owner="赵负责人",
        contact="钱联系人",
        phone="13700002222",
        note="内部备注甲",
    )
    enterprise(HOSTILE, "Hostile | Firm <script>x</script>", "投产", carrier_id=carrier, country="国家|\n- 列表")
    conn.execute(
        "INSERT INTO industries (code, parent_id, level, segment, name, name_en, name_folded, sort)"
        " VALUES ('evil-link', ?, 'link', '中游', ?, 'Evil | link', ?, 999)",
        (chain, HOSTILE, fold(HOSTILE)),
    )
    conn.execute(
        "INSERT INTO policies (code, name, name_en, name_folded, issuer, kind, cap_wan, description)"
        " VALUES ('evil-policy', ?, '<img src=x onerror=alert(1)>', ?, '发布|机关', '落户|\n# 伪类别', 50, ?)",
        (HOSTILE, fold(HOSTILE), "说明\n| a | b |\n|---|---|"),
    )
    conn.execute(
        "INSERT INTO platforms (code, name, name_en, name_folded, level, carrier_id, description)"
        " VALUES ('evil-platform', ?, 'P|latform', ?, 'zone', ?, '`x`')",
        (HOSTILE, fold(HOSTILE), carrier),
    )
    conn.execute(
        "INSERT INTO clusters (code, name, name_folded, description) VALUES ('evil', ?, ?, ?)",
        (HOSTILE, fold(HOSTILE), HOSTILE),
    )
    conn.execute(
        "INSERT INTO zone_figures (zone_id, label, label_en, value, unit, unit_en, year)"
        " VALUES (1, ?, 'Figure | *x*', 7, '个|', 'things|', 2026)",
        (HOSTILE,),
    )
    conn.execute("UPDATE zone SET office_address = ?", ("济南市<script>x</script>|第二列\n第二行",))
    return conn


SCOPES = {
    "zone": [],
    "industry": ["--industry", "高端医疗器械"],
    "chain": ["--industry", "医用机器人"],
    "carrier": ["--carrier", "evil"],
    "seed carrier": ["--carrier", "精准医学产业园"],
}
VARIANTS = list(itertools.product(SCOPES, ("zh", "en"), ("markdown", "wechat")))


@pytest.mark.parametrize("scope, lang, fmt", VARIANTS)
def test_a_public_brief_shows_no_private_data(hostile, run, scope, lang, fmt):
    result = run("brief", *SCOPES[scope], "--lang", lang, "--format", fmt, "--date", DATE)
    assert result.exit_code == 0, result.output
    text = result.output
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked into a public {scope} brief"
    # carriers' personal contacts and the seed leads' notes
    personal = hostile.execute(
        "SELECT contact_name, contact_phone FROM carriers WHERE contact_name IS NOT NULL"
    ).fetchall()
    for name, phone in personal:
        assert name not in text and phone not in text
    for name, name_en, code_name, note in hostile.execute(
        "SELECT name, name_en, code_name, note FROM enterprises WHERE stage IN ('意向', '洽谈')"
    ):
        assert name not in text, f"lead {name} in a public brief"
        if name_en:
            assert name_en not in text
        if code_name:
            assert code_name not in text
        if note:
            assert note not in text


def test_free_text_contacts_are_removed_from_public_briefs_only(hostile, run):
    public = run("brief", "--carrier", "evil", "--date", DATE).output
    assert "园区介绍，联系张三 ［已隐去］ 或 ［已隐去］" in public
    internal = run("brief", "--carrier", "evil", "--date", DATE, "--audience", "internal").output
    assert "13912345678" in internal and "leak@example.com" in internal
    assert "孙私人 13600003333" in internal  # the carrier's contact


def test_the_offices_own_contact_is_shown(run):
    text = run("brief", "--date", DATE).output
    assert "0531-00000000" in text and "invest@example.cn" in text


def test_an_internal_brief_shows_contacts_owners_notes_pipeline_and_leads(hostile, run):
    text = run("brief", "--audience", "internal", "--date", DATE).output
    for shown in ("秘密线索公司", "项目Z-秘密", "王负责", "李联系 13800001111", "机密备注"):
        assert shown in text
    # both leads invest 1 亿元 or more: their column is in 亿元, one unit for the whole column
    assert re.search(r"\| 秘密线索公司 .*\| +9\.88 \|", text) and "投资额（亿元）" in text
    assert "内部资料" in text and "招商进展（内部）" in text
    # pipeline figures are the catalogue's counts per stage
    counts = dict(hostile.execute("SELECT stage, count(*) FROM enterprises GROUP BY stage"))
    pipeline = text.split("招商进展（内部）", 1)[1].split("签约前线索（内部）", 1)[0]
    for stage, n in counts.items():
        assert re.search(rf"\| {stage}\s+\|\s+{n} \|", pipeline), (stage, n, pipeline)
    leads = text.split("签约前线索（内部）", 1)[1]
    n_leads = hostile.execute("SELECT count(*) FROM enterprises WHERE stage IN ('意向', '洽谈')").fetchone()[0]
    assert f"签约前线索共 {n_leads} 条" in leads


def test_internal_tenants_show_amounts_public_ones_do_not(hostile, run):
    internal = run("brief", "--carrier", "evil", "--audience", "internal", "--date", DATE).output
    assert "落地企业甲" in internal and re.search(r"\| +4\.57 \| +77 \|", internal) and "投资额（亿元）" in internal
    public = run("brief", "--carrier", "evil", "--date", DATE).output
    assert "落地企业甲" in public and "4.57 亿" not in public


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("audience", ["public", "internal"])
def test_hostile_text_neither_breaks_tables_nor_injects_html(hostile, run, scope, lang, audience):
    result = run("brief", *SCOPES[scope], "--lang", lang, "--audience", audience, "--date", DATE)
    assert result.exit_code == 0, result.output
    tokens = check_markdown(result.output)
    # the hostile "# 不是标题" stayed text: every heading is one the brief made
    for heading in headings(tokens):
        assert "不是标题" not in heading or heading.startswith(("恶意", "Investment")), heading
    assert not any(t.type == "bullet_list_open" and t.level > 0 for t in tokens)
    rendered = MD.render(result.output)
    # and it is shown whole, exactly as entered (on one line), not mangled by the escaping
    if scope in ("zone", "carrier"):
        assert html.escape(HOSTILE_SHOWN, quote=False) in rendered


@pytest.mark.parametrize("scope", [s for s in SCOPES if s != "carrier"])
def test_seed_briefs_are_well_formed_markdown(run, scope):
    for lang, audience in itertools.product(("zh", "en"), ("public", "internal")):
        result = run("brief", *SCOPES[scope], "--lang", lang, "--audience", audience, "--date", DATE)
        assert result.exit_code == 0, result.output
        tokens = check_markdown(result.output)
        assert any(t.type == "table_open" for t in tokens)


def test_chat_text_carries_no_markup_and_keeps_hostile_names_whole(hostile, run):
    text = run("brief", "--carrier", "evil", "--format", "wechat", "--date", DATE).output
    assert HOSTILE_SHOWN in text  # plain text: nothing to escape, only newlines folded
    assert "\\" not in text
    assert not re.search(r"^\s*\|", text, re.M)  # no table rows
    assert not re.search(r"^#", text, re.M)  # no headings
    assert not re.search(r"^- ", text, re.M)  # no list items from data
    for coded_text in ("运营中 # 伪状态", "国家| - 列表"):  # coded values unknown to promo, shown as entered
        assert coded_text in text
    assert "<script>alert(1)</script>\n" not in text


def test_coded_values_unknown_to_promo_are_shown_as_entered_and_escaped(hostile, run):
    for lang in ("zh", "en"):
        rendered = MD.render(run("brief", "--carrier", "evil", "--lang", lang, "--date", DATE).output)
        for coded_text in (
            "运营中 # 伪状态 ［已隐去］" if lang == "zh" else "运营中 # 伪状态 [removed]",
            "落户| # 伪类别",
        ):
            assert coded_text in rendered


def test_sample_data_is_labelled_and_only_when_shown(run, conn):
    text = run("brief", "--date", DATE).output
    assert "标有 ※ 的内容为示例数据" in text
    assert "医学中心项目落户奖励（示例） ※" in text  # a sample policy
    assert "济南示例精准诊断科技有限公司 ※" in text  # a sample tenant
    en = run("brief", "--lang", "en", "--date", DATE).output
    assert "Items marked ※ are sample data" in en
    for table in ("units", "enterprises", "policies", "industries", "criteria", "negative_list", "carriers"):
        conn.execute(f"UPDATE {table} SET sample = 0")
    conn.execute("UPDATE zone SET office_sample = 0, sample_fields = '[]'")
    conn.execute("DELETE FROM settings WHERE key = 'usd_cny_rate_sample'")
    for args in ([], ["--lang", "en"], ["--carrier", "精准医学产业园"], ["--audience", "internal"]):
        text = run("brief", *args, "--date", DATE).output
        assert "※" not in text and "示例数据" not in text and "sample data" not in text
