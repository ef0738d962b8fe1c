"""Land parcels in a brief: their area in 亩 as well as ㎡, worded as promo units and vacancies word it."""

from promo.measures import land_area_text, mu_note


def test_the_wording_has_one_home():
    assert land_area_text(20000) == "20,000 (30亩)" and land_area_text(20000, "en") == "20,000 (30 mu)"
    assert mu_note(23333.33) == " (35亩)" and land_area_text(None) == ""


def test_a_brief_shows_a_parcel_both_ways(run):
    assert run("units", "add", "示例产业用地A地块", "D-01", "--area", "30亩").exit_code == 0
    listed = run("vacancies", "--kind", "land").output
    assert "20,000 (30亩)" in listed
    assert "| D-01   |        | 20,000 (30亩) |" in run("brief", "--carrier", "示例产业用地A地块").output
    assert "D-01：20,000 ㎡ (30亩)" in run("brief", "--carrier", "示例产业用地A地块", "--format", "wechat").output
    assert "20,000 (30 mu)" in run("brief", "--carrier", "示例产业用地A地块", "--lang", "en").output
    floor = run("brief", "--carrier", "精准医学产业园").output  # floor space keeps its plain ㎡
    assert "亩)" not in floor
