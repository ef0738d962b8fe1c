import json
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from promo.search import highlight


def hits(run, *args):
    result = run("search", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def names(found, table=None):
    return [h["name"] for h in found if table is None or h["table"] == table]


def test_two_characters_find_the_ophthalmology_centre_and_its_cluster(run):
    found = hits(run, "眼科")
    assert "山东施尔明国际眼科与眼视光临床中心" in names(found, "enterprises")
    assert "北方眼谷" in names(found, "clusters")


def test_pinyin_initials_and_full_pinyin_find_the_zone(run):
    assert names(hits(run, "jngjyxzx"), "zone") == ["济南国际医学中心"]
    assert "济南国际医学中心" in names(hits(run, "JiNan GuoJi"), "zone")
    assert hits(run, "jngjyxzx")[0]["matched"] == "拼音"


@pytest.mark.parametrize("query", ["醫療器械", "医疗 器械", "医疗\u3000器械", "醫 療 器 械"])
def test_script_width_and_spacing_do_not_matter(run, query):
    assert "高端医疗器械" in names(hits(run, query), "industries")


def test_full_width_latin_is_folded(run):
    assert hits(run, "ＧＭＰ") == hits(run, "gmp") or names(hits(run, "ＧＭＰ")) == names(hits(run, "gmp"))


def test_a_chain_brings_its_enterprises(run):
    found = hits(run, "影像", "--in", "enterprises,chain")
    chained = [h for h in found if h["matched"] == "产业链"]
    assert chained and all(h["table"] == "enterprises" for h in chained)
    direct = [h for h in found if h["table"] == "enterprises" and h["matched"] == "名称"]
    assert found.index(direct[0]) < found.index(chained[0])  # own names rank above chain members


def test_in_narrows_to_one_list_and_accepts_chinese_labels(run):
    assert {h["list"] for h in hits(run, "器械", "--in", "载体")} == {"carriers"}
    result = run("search", "器械", "--in", "buildings")
    assert result.exit_code == 2
    assert "--in buildings" in result.output and "carriers" in result.output


@pytest.mark.parametrize(
    "query, why",
    [("眼", "one character"), ("x", "one character"), ("，。！", "no letters or digits"), ("  ", "empty")],
)
def test_one_character_or_punctuation_is_refused(run, query, why):
    result = run("search", query)
    assert result.exit_code == 2
    assert "TEXT" in result.output and why in result.output
    assert "Traceback" not in result.output


def test_public_mode_leaves_the_target_list_inside(run):
    assert "targets" in {h["list"] for h in hits(run, "影像")}
    assert "targets" not in {h["list"] for h in hits(run, "影像", "--public")}


def test_public_mode_hides_leads_before_signing(run):
    assert run("enterprises", "add", "眼科测试意向有限公司", "--stage", "意向").exit_code == 0
    assert "眼科测试意向有限公司" in names(hits(run, "眼科"))
    assert "眼科测试意向有限公司" not in names(hits(run, "眼科", "--public"))
    assert "山东施尔明国际眼科与眼视光临床中心" in names(hits(run, "眼科", "--public"))


def test_the_index_follows_add_rename_remove_and_undo(run):
    assert run("enterprises", "add", "明眸视光科技有限公司").exit_code == 0
    assert names(hits(run, "明眸")) == ["明眸视光科技有限公司"]
    assert names(hits(run, "mmsg"))[0] == "明眸视光科技有限公司"
    assert run("enterprises", "update", "明眸视光科技有限公司", "--name", "亮瞳视光科技有限公司").exit_code == 0
    assert hits(run, "明眸") == []
    assert names(hits(run, "亮瞳")) == ["亮瞳视光科技有限公司"]
    assert run("undo", "--yes").exit_code == 0
    assert names(hits(run, "明眸")) == ["明眸视光科技有限公司"]
    assert run("enterprises", "remove", "明眸视光科技有限公司", "--yes").exit_code == 0
    assert hits(run, "明眸") == []


def test_reindex_catches_writes_made_around_promo(run, db_path):
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO platforms (code, name, name_folded, level) "
        "VALUES ('x-eye', '眼科共享实验室', '眼科共享实验室', 'zone')"
    )
    conn.commit()
    conn.close()
    assert "眼科共享实验室" not in names(hits(run, "眼科"))
    result = run("search", "--reindex")
    assert result.exit_code == 0 and "rebuilt" in result.output
    assert "眼科共享实验室" in names(hits(run, "眼科"))


def test_a_dropped_index_is_named_and_rebuilt(run, db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TABLE search_index")
    conn.close()
    result = run("search", "眼科")
    assert result.exit_code == 1 and "promo search --reindex" in result.output
    assert run("search", "--reindex").exit_code == 0
    assert "山东施尔明国际眼科与眼视光临床中心" in names(hits(run, "眼科"))


def test_table_groups_by_list_with_titles(run):
    result = run("search", "器械")
    assert result.exit_code == 0
    out = result.stdout
    assert "\ncarriers (" in out and "\nenterprises (" in out and "\x1b[" not in out  # each list's title on its line


def test_json_detail_is_the_same_in_every_language_and_the_table_speaks_the_users(run, monkeypatch):
    english = run("search", "器械", "--format", "json").output
    table = run("search", "器械").stdout
    monkeypatch.setenv("PROMO_LANG", "zh_CN")
    assert run("search", "器械", "--format", "json").output == english  # what scripts read does not move
    detail = {r["name"]: r["detail"] for r in json.loads(english)}
    assert detail["山东示例医疗器械有限公司"] == "投产" and detail["高端医疗器械"] == "主导产业"
    assert "producing" in table and "leading industry" in table and "投产" not in table


def test_highlight_spans_point_into_the_original_text():
    text = "山東施爾明國際眼科中心"
    ((start, end),) = highlight(text, "眼科")
    assert text[start:end] == "眼科"
    assert highlight("ＧＭＰ 洁净车间", "gmp洁净") == [(0, 6)]


def test_nothing_found_is_said_on_stderr(run):
    result = run("search", "火星基地")
    assert result.exit_code == 0
    assert "nothing in the catalogue matches" in result.output


def test_a_very_long_query_is_refused(run):
    result = run("search", "眼科" * 200)
    assert result.exit_code == 2 and "too long" in result.output


_PHRASES = [
    "银行",
    "长沙",
    "重庆",
    "有限公司",
    "济南",
    "国际",
    "医学中心",
    "行长",
    "中国",
    "3M",
    "(济南)",
    "〇",
    "·",
    "A股",
    "乐山",
]


@given(st.lists(st.sampled_from(_PHRASES) | st.text(alphabet="長樂行重银abc 1（）·〇", max_size=4), max_size=6))
def test_the_index_pinyin_is_lazy_pinyins(parts):
    """Word by word with a cache, the index still holds what pypinyin's lazy_pinyin gives, phrases and all, so
    catalogues indexed before need no rebuild."""
    from pypinyin import Style, lazy_pinyin

    from promo.search_index import grams, pinyin_grams
    from promo.text import fold

    folded = fold("".join(parts))
    full = "".join(lazy_pinyin(folded))
    initials = "".join(s[:1] for s in lazy_pinyin(folded, style=Style.FIRST_LETTER))
    expected = grams(full, initials) if any("\u3400" <= c <= "\u9fff" for c in folded) else ""
    assert pinyin_grams("".join(parts)) == expected
