"""Countries as officers write them: one stored spelling, mainland China never 境外, unknown places refused."""

import pytest
from pipeline_helpers import content, enterprise

from promo.countries import is_overseas_region, parse_country
from promo.errors import BadValue

MAINLAND = ["中国", "中国大陆", "大陆", "内地", "中國", "China", "china", "CN", "PRC", "People's Republic of China",
            "ＣＨＩＮＡ", " 中国大陆 "]  # fmt: skip


@pytest.mark.parametrize("written", MAINLAND)
def test_every_way_of_writing_the_mainland_is_china(written):
    assert parse_country(written) == "中国"
    assert not is_overseas_region(written)


@pytest.mark.parametrize(
    "written, stored",
    [
        ("中国香港", "中国香港"),
        ("香港", "中国香港"),
        ("Hong Kong", "中国香港"),
        ("HK", "中国香港"),
        ("澳門", "中国澳门"),
        ("Macau", "中国澳门"),
        ("台湾", "中国台湾"),
        ("Taiwan", "中国台湾"),
        ("以色列", "以色列"),
        ("Israel", "以色列"),
        ("韩国", "韩国"),
        ("南韓", "韩国"),
        ("South Korea", "韩国"),
        ("Japan", "日本"),
        ("USA", "美国"),
        ("Germany", "德国"),
    ],
)
def test_countries_and_regions_in_chinese_english_or_code(written, stored):
    assert parse_country(written) == stored


@pytest.mark.parametrize("written", ["火星", "山东", "济南", "Mars", "境外", "EU"])
def test_a_place_that_is_not_a_country_is_refused(written):
    with pytest.raises(BadValue) as caught:
        parse_country(written, "--country")
    assert caught.value.field == "--country"


def test_add_stores_one_spelling_and_refuses_unknown_places(run, db_path):
    assert run("enterprises", "add", "大陆投资", "--country", "中国大陆").exit_code == 0
    assert enterprise(db_path, "大陆投资")["country"] == "中国"
    assert run("enterprises", "add", "港资企业", "--country", "Hong Kong").exit_code == 0
    assert enterprise(db_path, "港资企业")["country"] == "中国香港"
    before = content(db_path)
    for place in ("火星", "山东"):
        result = run("enterprises", "add", "外星企业", "--country", place)
        assert result.exit_code == 2 and "--country" in result.output and place in result.output
    result = run("enterprises", "update", "大陆投资", "--country", "Atlantis")
    assert result.exit_code == 2 and "--country" in result.output
    assert content(db_path) == before


def test_import_refuses_an_unknown_country_naming_line_and_column(run, db_path, tmp_path):
    path = tmp_path / "leads.csv"
    path.write_text("企业名称,国别\n国别导入甲,内地\n国别导入乙,火星\n", encoding="utf-8")
    before = content(db_path)
    result = run("enterprises", "import", path)
    assert result.exit_code == 1
    assert "line 3" in result.output and "国别" in result.output and "火星" in result.output
    assert content(db_path) == before
    path.write_text("企业名称,国别\n国别导入甲,内地\n国别导入乙,PRC\n", encoding="utf-8")
    assert run("enterprises", "import", path).exit_code == 0
    assert enterprise(db_path, "国别导入甲")["country"] == enterprise(db_path, "国别导入乙")["country"] == "中国"


def test_check_and_match_take_the_country_the_same_way(run):
    assert run("check", "--country", "火星", "--investment", "100").exit_code == 2
    ok = run("match", "--country", "中国大陆", "--min-area", "500", "--format", "json")
    assert ok.exit_code == 0 and '"country": "中国"' in ok.stdout
