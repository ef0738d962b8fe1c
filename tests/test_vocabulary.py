"""One wording per coded value, everywhere: the CLI and the brief agree on stages, channels, countries and the
order of policies; the brief finds a prospect the way `promo enterprises show` does."""

import json
import re

import pytest

from promo import vocabulary
from promo.vocabulary import CHANNELS, LABELS, STAGES, label

DATE = "2026-11-23"


@pytest.mark.parametrize("query", ["huayinkang", "HuaYinKang", "華銀康", "华银"])
def test_brief_for_finds_what_enterprises_show_finds(run, query):
    shown = run("enterprises", "show", query)
    assert shown.exit_code == 0, shown.output
    brief = run("brief", "--for", query, "--date", DATE, "--audience", "internal")
    assert brief.exit_code == 0, brief.output
    assert "华银康" in brief.output


def test_brief_for_finds_a_code_name(run):
    added = run("enterprises", "add", "某影像设备公司", "--stage", "意向", "--code-name", "项目F-影像", "--date", DATE)
    assert added.exit_code == 0, added.output
    assert run("enterprises", "show", "项目F-影像").exit_code == 0
    brief = run("brief", "--about", "项目f-影像", "--date", DATE)
    assert brief.exit_code == 0, brief.output
    assert "项目F-影像" in brief.output
    assert "某影像设备公司" not in brief.output  # a public brief about a lead names it by its code name only
    proposal = run("brief", "--for", "项目f-影像", "--date", DATE)  # sent to the lead: its own name
    assert proposal.exit_code == 0, proposal.output
    assert "某影像设备公司" in proposal.output and "项目F-影像" not in proposal.output


def test_brief_for_an_unknown_name_is_refused_like_show(run):
    brief = run("brief", "--for", "nosuchfirm", "--date", DATE)
    shown = run("enterprises", "show", "nosuchfirm")
    assert brief.exit_code == shown.exit_code == 1
    assert "nosuchfirm" in brief.output


def test_every_stage_is_worded_as_the_cli_words_it(run):
    cli_words = {r["stage"]: r["stage_en"] for r in json.loads(run("pipeline", "--format", "json").output)}
    assert cli_words == {s: label("stage", s, "en") for s in STAGES}
    brief = run("brief", "--date", DATE, "--lang", "en", "--audience", "internal").output
    assert "moved in" not in brief
    assert "landed" in brief


def test_every_channel_the_pipeline_accepts_has_an_english_label():
    assert all(label("channel", c, "en") != c for c in CHANNELS)


def test_every_coded_value_has_both_labels():
    for kind, values in LABELS.items():
        for code, (zh, en) in values.items():
            assert zh and en, (kind, code)
            assert not re.search(r"[\u4e00-\u9fff]", en), (kind, code, en)


def test_english_brief_translates_a_leads_channel(run):
    added = run("enterprises", "add", "某自主企业", "--stage", "洽谈", "--source", "自主招商", "--date", DATE)
    assert added.exit_code == 0, added.output
    brief = run("brief", "--date", DATE, "--lang", "en", "--audience", "internal").output
    line = next(x for x in brief.splitlines() if "某自主企业" in x)
    assert "direct" in line and "自主招商" not in line


def test_english_brief_names_every_country_in_english(run):
    added = run("enterprises", "add", "某欧洲企业", "--stage", "落地", "--country", "法国", "--date", DATE)
    assert added.exit_code == 0, added.output
    brief = run("brief", "--date", DATE, "--lang", "en").output
    line = next(x for x in brief.splitlines() if "某欧洲企业" in x)
    assert "(France)" in line and "法国" not in line


def test_brief_lists_policies_in_the_order_promo_policies_does(run):
    listed = [p["name"] for p in json.loads(run("policies", "--format", "json").output)]
    brief = run("brief", "--date", DATE).output
    section = brief[brief.index("政策") :]
    shown = [name for name in listed if name in section]
    assert len(shown) >= 5
    assert sorted(shown, key=section.index) == shown


def test_public_from_signing_on():
    assert [s for s in STAGES if vocabulary.is_public(s)] == list(STAGES[STAGES.index("签约") :])
    lead = {"id": 7, "name": "某公司", "code_name": None, "stage": "洽谈"}
    assert vocabulary.display_name(lead, public=True) == "未公开项目 #7"
    assert vocabulary.display_name({**lead, "stage": "签约"}, public=True) == "某公司"


def test_a_word_names_one_code_of_its_kind():
    # labels and synonyms meet in one matcher (words_to_code), where a word of two codes would name the later
    from promo.text import fold
    from promo.vocabulary import LABELS, kind_words

    known = {("channel", "direct")}  # 自主招商 and 直接 both read "direct" in English; channels read no labels
    for kind in LABELS:
        claimed: dict[str, set[str]] = {}
        for code, words in kind_words(kind).items():
            for word in (code, *words):
                claimed.setdefault(fold(word.lstrip("✓✗?—⊘ ")), set()).add(code)
        assert {(kind, w) for w, codes in claimed.items() if len(codes) > 1} <= known, kind


def test_typed_words_and_choices_share_one_matcher():
    from promo.commands.common import Words
    from promo.text import fold
    from promo.vocabulary import words_to_code

    assert words_to_code("stage")[fold("簽約")] == "签约"
    assert words_to_code("stage")[fold("ＳＩＧＮＥＤ")] == "签约"
    assert words_to_code("check_status")[fold("达标")] == "pass"  # a label is read without its mark (✓ 达标)
    assert words_to_code("priority")[fold("Ａ")] == "高"
    for word in ("已签约", "Landed", "在 谈", "intent", "洽談"):
        assert Words("stage").find(word) == words_to_code("stage").get(fold(word))
    assert Words("stage", ("意向", "洽谈")).find("已签约") is None  # narrowed to the leads
