"""Contact details typed into free text never reach a public brief, in any of the forms people type them;
numbers that are not contacts (years, dates, areas, amounts, credit codes) are left as they are."""

import itertools
import re
import unicodedata

import pytest

from promo.brief.redact import redact

DATE = "2026-11-23"

# Each as QA found it surviving in a description, and the digits / text that must not be left.
LEAKS = {
    "手机 138 1234 5678": "13812345678",
    "138-1234-5678": "13812345678",
    "座机 (0531)8888-6666": "053188886666",
    "0531 8888 6666": "053188886666",
    "400-800-1234": "4008001234",
    "+86-139-1234-5678": "8613912345678",
    "ZHANG＠corp.com": "zhang@corp.com",
    "微信 wxid_abc123": "wxid_abc123",
    "微信号：abc_123": "abc_123",
    "QQ 123456789": "123456789",
    "１３８１２３４５６７８": "13812345678",
}

# Numbers in the same descriptions that are facts, not contacts.
SURVIVORS = [
    "2017年",
    "20,660 ㎡",
    "1,200 万元",
    "2026-11-23",
    "2024.3.5",
    "2024年3月5日",
    "91370100MA3C12345X",
    "913701005678901234",
    "1000-3000 ㎡",
    "2023-2025年",
    "116.8412",
    "120亿元",
]


def digits_of(text: str) -> str:
    """The text in NFKC with separators between digits taken out, so 138 1234-5678 reads 13812345678."""
    s = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"(?<=\d)[\s\-().]+(?=\d)", "", s)


@pytest.mark.parametrize("leak", LEAKS)
def test_each_form_is_removed(leak):
    shown = redact(f"园区介绍，联系人 {leak} 欢迎来电。", "［已隐去］")
    assert "［已隐去］" in shown
    assert LEAKS[leak] not in digits_of(shown), shown
    assert shown.startswith("园区介绍，联系人 ") and shown.endswith(" 欢迎来电。")


@pytest.mark.parametrize("fact", SURVIVORS)
def test_numbers_that_are_not_contacts_survive(fact):
    text = f"项目于{fact}前后建成，欢迎洽谈。"
    assert redact(text, "［已隐去］") == text


def test_the_offices_own_contact_may_stay():
    text = "咨询 0531-00000000 或 invest@example.cn；其他 0531-8888-6666"
    shown = redact(text, "[x]", keep=("0531-00000000", "invest@example.cn"))
    assert shown == "咨询 0531-00000000 或 invest@example.cn；其他 [x]"


def test_full_width_punctuation_around_a_contact_is_kept():
    assert redact("电话（0531）8888-6666。", "[x]") == "电话[x]。"
    assert redact("联系：１３８１２３４５６７８，谢谢", "[x]") == "联系：[x]，谢谢"


LEAK_TEXT = "；".join(LEAKS)
SURVIVOR_TEXT = "，".join(SURVIVORS)


@pytest.fixture
def leaky(conn):
    """Every leak and survivor written into the free text of a carrier, a platform, a policy and the zone."""
    text = f"简介：{LEAK_TEXT}。数据：{SURVIVOR_TEXT}。"
    text_en = f"About: {LEAK_TEXT}. Facts: {SURVIVOR_TEXT}."
    conn.execute(
        "UPDATE carriers SET description = ?, description_en = ? WHERE code = 'precision-med-park'", (text, text_en)
    )
    conn.execute(
        "UPDATE platforms SET description = ?, description_en = ? WHERE carrier_id = "
        "(SELECT id FROM carriers WHERE code = 'precision-med-park')",
        (text, text_en),
    )
    conn.execute("UPDATE policies SET description = ?, description_en = ?", (text, text_en))
    conn.execute("UPDATE zone SET positioning = ?, positioning_en = ?, location = ?", (text, text_en, text))
    return conn


SCOPES = {
    "zone": [],
    "industry": ["--industry", "高端医疗器械"],
    "carrier": ["--carrier", "精准医学产业园"],
    "prospect": ["--for", "示例医学影像设备"],
}


@pytest.mark.parametrize("scope, lang, fmt", list(itertools.product(SCOPES, ("zh", "en"), ("markdown", "wechat"))))
def test_no_public_brief_shows_a_contact_typed_into_free_text(leaky, run, scope, lang, fmt):
    result = run("brief", *SCOPES[scope], "--lang", lang, "--format", fmt, "--date", DATE)
    assert result.exit_code == 0, result.output
    text = result.output
    shown = digits_of(text)
    for leak, core in LEAKS.items():
        assert core not in shown, f"{leak!r} leaked into a public {scope} {lang} {fmt} brief"
    assert "［已隐去］" in text or "[removed]" in text.replace("\\", "")  # Markdown escapes the brackets
    # the office's own contact stays
    assert "0531-00000000" in text and "invest@example.cn" in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_facts_beside_the_contacts_survive(leaky, run, lang):
    text = run("brief", "--carrier", "精准医学产业园", "--lang", lang, "--date", DATE).output
    for fact in SURVIVORS:
        assert fact in text, f"{fact!r} was taken out of a {lang} brief"


def test_an_internal_brief_keeps_the_free_text_as_written(leaky, run):
    args = ("--carrier", "精准医学产业园", "--audience", "internal", "--format", "wechat", "--date", DATE)
    text = run("brief", *args).output
    for leak in LEAKS:
        assert leak in text
