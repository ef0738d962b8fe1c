"""A public brief carries after-signing figures only when the office asks (--publish-counts), and then only
counts: never a project's reports, contacts, notes or problems, nor the name or amounts of an unsigned lead."""

import json
import re

import pytest

# a signed firm's name is public (from 签约 on); its contacts, notes, reports and problems are not, nor a lead
SECRETS = ("机密联系人", "13912345678", "只给内部看的备注", "意向秘密乙", "6,666", "6666", "7,123", "7123", "7,321",
           "7321", "双回路供电未接入")  # fmt: skip


@pytest.fixture
def projects(run):
    """A signed project with milestones, reports, a service and a coordination item; and a lead with amounts."""
    ok = [
        run("enterprises", "add", "推进甲", "--stage", "签约", "--date", "2026-02-10", "--investment", "7777",
            "--contact", "机密联系人", "--phone", "13912345678", "--note", "只给内部看的备注"),
        run("enterprises", "add", "意向秘密乙", "--investment", "6666", "--contact", "机密联系人"),
        run("enterprises", "milestone", "推进甲", "开工", "--date", "2026-03-10"),
        run("enterprises", "milestone", "推进甲", "竣工", "--date", "2026-08-01"),
        run("enterprises", "milestone", "推进甲", "投产", "--date", "2026-09-01"),
        run("enterprises", "milestone", "晨生医疗", "开工", "--date", "2025-12-01"),
        run("enterprises", "report", "推进甲", "--year", "2026", "--completed-investment", "7123",
            "--arrived", "7321"),
        run("coordination", "add", "推进甲", "双回路供电未接入", "--department", "供电公司", "--leader", "王主任"),
    ]  # fmt: skip
    for result in ok:
        assert result.exit_code == 0, result.output


def _bounds(lines: list[str], title: str) -> tuple[int, int]:
    start = next(i for i, line in enumerate(lines) if line.startswith("## ") and title in line)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return start, end


def _section(text: str, title: str) -> list[str]:
    lines = text.splitlines()
    start, end = _bounds(lines, title)
    return lines[start:end]


def test_the_default_public_brief_has_no_after_signing_figures(run, projects):
    for args in ((), ("--lang", "en"), ("--format", "wechat"), ("--industry", "高端医疗器械")):
        text = run("brief", *args).output
        assert "项目推进" not in text and "after signing" not in text.lower()
        assert not [s for s in SECRETS if s in text], args


def test_publish_counts_adds_only_the_counts_by_hand(run, projects):
    default = run("brief").output
    text = run("brief", "--publish-counts").output
    counts = _section(text, "项目推进")
    # 开工: 推进甲 (2026) and 晨生医疗 (2025); 竣工: 推进甲; 投产: the milestone plus the seed's firms at
    # 投产 or later, which `promo pipeline` counts as reached
    producing = next(r for r in json.loads(run("pipeline", "--format", "json").output) if r["stage"] == "投产")
    assert "- **开工**：2 个（2026 年 1 个）" in counts
    assert "- **竣工**：1 个（2026 年 1 个）" in counts
    assert f"- **投产**：{producing['reached']} 个（2026 年 1 个）" in counts
    assert not [s for s in SECRETS if s in text]
    # everything else is the default brief, its sections renumbered after the new one
    number = re.compile(r"^## [一二三四五六七八九十]+、")
    lines = text.splitlines()
    start, end = _bounds(lines, "项目推进")
    rest = [number.sub("## ", line) for line in lines[:start] + lines[end:]]
    assert rest == [number.sub("## ", line) for line in default.splitlines()]


def test_an_internal_brief_with_counts_keeps_its_own_section(run, projects):
    text = run("brief", "--audience", "internal", "--publish-counts").output
    assert "项目推进（内部）" in text and "推进甲" in text
    assert "- **开工**：2 个" in text


def test_counts_follow_the_briefs_focus_and_date(run, projects):
    early = _section(run("brief", "--publish-counts", "--date", "2026-06-30").output, "项目推进")
    assert "- **竣工**：0 个（2026 年 0 个）" in early and "- **开工**：2 个（2026 年 1 个）" in early
    carrier = run("brief", "--carrier", "精准医学产业园", "--publish-counts").output
    assert "推进甲" not in carrier


@pytest.mark.parametrize("focus", [("--for", "晨生医疗"), ("--about", "晨生医疗")])
def test_counts_of_one_enterprise_are_a_usage_error(run, db_path, focus):
    result = run("brief", *focus, "--publish-counts")
    assert result.exit_code == 2
    assert "--publish-counts" in result.output and "Traceback" not in result.output
