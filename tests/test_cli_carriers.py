import json


def test_lists_the_real_carriers(run):
    result = run("carriers", "--format", "json")
    assert result.exit_code == 0
    names = {c["name"] for c in json.loads(result.stdout)}
    for name in [
        "精准医学产业园",
        "海凭国际·济南医疗器械产业园",
        "中能高端医疗装备产业园",
        "国家健康医疗大数据中心(北方)产业园",
        "医疗健康科技创新产业园",
        "特色医疗专科组团",
    ]:
        assert name in names


def test_carrier_figures_add_up(run, conn):
    for c in json.loads(run("carriers", "--format", "json").stdout):
        vacant, total, n = conn.execute(
            "SELECT coalesce(sum(CASE WHEN u.status='vacant' THEN u.area_m2 END),0), coalesce(sum(u.area_m2),0), "
            "count(*) FROM units u JOIN carriers c ON c.id = u.carrier_id WHERE c.code = ?",
            (c["code"],),
        ).fetchone()
        assert c["vacant_area_m2"] == vacant and c["total_area_m2"] == total and c["units"] == n
        if total:
            assert abs(c["occupancy"] - (1 - vacant / total)) < 1e-3


def test_filters(run):
    devices = json.loads(run("carriers", "--industry", "高端医疗器械", "--format", "json").stdout)
    assert devices and all("高端医疗器械" in c["industries"] for c in devices)
    parks = json.loads(run("carriers", "--kind", "产业园", "--format", "json").stdout)
    assert parks and all(c["kind"] == "park" for c in parks)
    assert run("carriers", "--kind", "castle").exit_code == 2


def test_table_has_occupancy_bar(run):
    out = run("carriers").stdout
    assert "精准医学产业园" in out and "█" in out and "sample data" in out


def test_show_accepts_traditional_script(run):
    result = run("carriers", "show", "精準醫學產業園")
    assert result.exit_code == 0, result.output
    assert "精准医学产业园" in result.stdout
    assert "Units (" in result.stdout


def test_show_json_has_units_tenants_platforms(run):
    detail = json.loads(run("carriers", "show", "精准医学产业园", "--format", "json").stdout)
    assert detail["units"] and detail["platforms"]
    assert any(p["name"] == "国家人类遗传资源共享服务平台山东创新中心" for p in detail["platforms"])
    assert all(t["stage"] in ("落地", "投产", "达效") for t in detail["tenants"])


def test_unknown_carrier_suggests(run):
    result = run("carriers", "show", "精准医疗产业园")
    assert result.exit_code == 1
    assert "did you mean" in result.output and "精准医学产业园" in result.output
    assert "Traceback" not in result.output


def test_empty_name_is_a_usage_error(run):
    result = run("carriers", "show", " ")
    assert result.exit_code == 2 and "NAME" in result.output
