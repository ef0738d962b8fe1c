"""Public means public: allow-listed fields, no lead's figures against a threshold, and a purge that erases."""

import json
import sqlite3

from test_brief_cli import brief

LEAD = "示例医学影像设备（苏州）有限公司"


def test_enterprises_show_public_json_carries_only_allowed_fields(run):
    shown = json.loads(run("enterprises", "show", LEAD, "--public", "--format", "json").output)
    text = json.dumps(shown, ensure_ascii=False)
    assert LEAD not in text and "示例医学影像设备" not in text and "name_folded" not in shown
    assert "Sample Medical Imaging" not in text and "owner" not in shown and "contact" not in shown
    assert shown["name"] == "项目D-影像" and shown["investment_wan"] is None


def test_enterprises_public_listing_json_has_no_private_keys(run):
    rows = json.loads(run("enterprises", "--public", "--format", "json").output)
    assert rows and all("uscc" not in r and "owner" not in r and "source_channel" not in r for r in rows)
    assert not any(r["name"] == LEAD for r in rows)


def test_a_public_brief_for_a_lead_is_the_same_whatever_its_investment(run, db_path):
    texts = []
    for amount in (100, 20_000, 900_000):
        with sqlite3.connect(db_path) as c:
            c.execute("UPDATE enterprises SET investment_wan = ? WHERE name = ?", (amount, LEAD))
        texts.append(brief(run, "--for", LEAD))
    assert texts[0] == texts[1] == texts[2]
    internal = [brief(run, "--for", LEAD, "--audience", "internal")]
    with sqlite3.connect(db_path) as c:
        c.execute("UPDATE enterprises SET investment_wan = 100 WHERE name = ?", (LEAD,))
    internal.append(brief(run, "--for", LEAD, "--audience", "internal"))
    assert internal[0] != internal[1]  # the office still sees where its lead stands


def test_purge_erases_the_enterprise_from_the_journal_and_says_what(run, db_path):
    name, secret_phone, secret_note = "隐私测试有限公司", "13912345678", "谈到了价格底线"
    run(
        "enterprises",
        "add",
        name,
        "--contact",
        "王秘密",
        "--phone",
        secret_phone,
        "--stage",
        "洽谈",
        "--unit",
        "A1-402",
    )
    run("enterprises", "log-activity", name, "--kind", "call", "--note", secret_note)
    run("match", "--for", name)
    result = run("enterprises", "remove", name, "--purge", "--yes")
    assert result.exit_code == 0, result.output
    assert f"purged {name}" in result.output and "erased from the change journal" in result.output
    with sqlite3.connect(db_path) as c:
        dump = "\n".join(c.iterdump())
    for secret in (name, "王秘密", secret_phone, secret_note):
        assert secret not in dump, secret
    assert run("doctor").exit_code == 0
