"""An English brief leaves nothing in Chinese that can have an English version: fixed text, the negative list,
carrier addresses and operators, the office address. What stays Chinese is names (beside their English name),
code names, and free text typed by officers (notes, contact persons)."""

import itertools
import re

import pytest

from promo.render import md_escape

DATE = "2026-11-23"
CJK = re.compile(
    r"[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)

# The only catalogue text an English public brief may show in Chinese: proper names and code names.
NAMES = {
    "zone": ["name"],
    "industries": ["name"],
    "carriers": ["name", "operator"],  # an operator is a firm's name, shown with its English name beside it
    "platforms": ["name"],
    "policies": ["name", "issuer"],
    "enterprises": ["name", "code_name"],
    "facilities": ["name"],
    "clusters": ["name"],
}


def chinese_left_over(conn, text: str) -> list[str]:
    values = set()
    for table, columns in NAMES.items():
        for column in columns:
            for (value,) in conn.execute(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL"):
                shown = " ".join(str(value).split())
                values |= {shown, md_escape(shown)}
    for value in sorted(values, key=len, reverse=True):
        text = text.replace(value, " ")
    return sorted({line.strip() for line in text.splitlines() if CJK.search(line)})


SCOPES = [
    [],
    ["--industry", "高端医疗器械"],
    ["--carrier", "精准医学产业园"],
    ["--carrier", "海凭"],
    ["--carrier", "示例医疗器械孵化器"],
    ["--for", "示例医学影像设备"],
]


@pytest.mark.parametrize("args, fmt", list(itertools.product(SCOPES, ("markdown", "wechat"))))
def test_an_english_public_brief_has_only_names_in_chinese(run, conn, args, fmt):
    result = run("brief", *args, "--lang", "en", "--format", fmt, "--date", DATE)
    assert result.exit_code == 0, result.output
    assert chinese_left_over(conn, result.output) == []


def test_the_negative_list_is_in_english(run):
    text = run("brief", "--lang", "en", "--date", DATE).output
    assert "- **Prohibited**: Synthesis of chemical APIs and production of fermentation-based APIs ※" in text
    assert "- **Restricted**: High-containment biosafety laboratories (P3/P4) ※" in text
    assert "化学原料药" not in text


def test_a_prospects_negative_list_flags_are_in_english(run, conn):
    conn.execute(
        "INSERT INTO needs (enterprise_id, min_area, business) SELECT id, 1000, '含放射性同位素的检测设备'"
        " FROM enterprises WHERE name LIKE '示例医学影像设备%'"
    )
    text = run("brief", "--for", "示例医学影像设备", "--lang", "en", "--date", DATE).output
    assert "Negative list flags" in text
    assert "Production of radioisotopes and radiation-emitting devices" in text


def test_the_office_and_carrier_addresses_are_in_english(run):
    text = run("brief", "--carrier", "精准医学产业园", "--lang", "en", "--date", DATE).output
    assert "- **Address**: Along Jiqi Road, Jinan International Medical Center" in text
    assert "- **Address**: Huaiyin District, Jinan (sample address, not a real one) ※" in text
    assert "- **Office**: Investment Promotion Office, JIMC Management Committee (sample) ※" in text


def test_a_changed_address_is_shown_as_entered(run, conn):
    """The translations are of the seeded text only: a value an officer typed is data, shown as it is."""
    conn.execute("UPDATE zone SET office_address = '济南市槐荫区经十西路1号'")
    text = run("brief", "--lang", "en", "--date", DATE).output
    assert "- **Address**: 济南市槐荫区经十西路1号" in text


def test_english_columns_win_once_the_catalogue_has_them(run, conn):
    conn.execute("UPDATE zone SET office_address = '济南市槐荫区经十西路1号', office_address_en = '1 Jingshi W Rd'")
    conn.execute("ALTER TABLE negative_list ADD COLUMN item_en TEXT")
    conn.execute("UPDATE negative_list SET item_en = 'Item ' || id")
    text = run("brief", "--lang", "en", "--date", DATE).output
    assert "- **Address**: 1 Jingshi W Rd" in text
    assert "- **Prohibited**: Item 1 ※" in text
    zh = run("brief", "--date", DATE).output
    assert "济南市槐荫区经十西路1号" in zh and "- **禁止类**：化学原料药合成及发酵类原料药生产 ※" in zh


def test_the_seed_zone_file_carries_the_office_address_in_english():
    import json
    from pathlib import Path

    zone = json.loads((Path(__file__).parent.parent / "seeds" / "zone.json").read_text(encoding="utf-8"))
    assert zone["office"]["address_en"] and not CJK.search(zone["office"]["address_en"])
    assert zone["office"]["name_en"] and not CJK.search(zone["office"]["name_en"])
