import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

PRIVATE = {  # what must not leave the office, per table of the catalogue
    "carriers": {"contact_name", "contact_phone"},
    "enterprises": {"contact", "phone", "note", "owner", "owner_since", "uscc", "code_name"},
    "units": {"note"},
    "stage_history": {"reason"},
}
LEAD = "菲士医学"  # a 意向 lead of the seed catalogue


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def snapshot(run, tmp_path, *args) -> sqlite3.Connection:
    out = tmp_path / "snap.db"
    result = run("serve", "--snapshot", out, *args)
    assert result.exit_code == 0, result.output
    return sqlite3.connect(out)


def test_public_snapshot_has_no_contacts_notes_or_leads(run, tmp_path):
    conn = snapshot(run, tmp_path)
    for table, private in PRIVATE.items():
        columns = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
        assert columns and not columns & private, (table, columns & private)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert not tables & {"activities", "journal", "journal_changes", "needs", "match_memory", "targets"}
    assert conn.execute("SELECT count(*) FROM enterprises WHERE stage IN ('意向', '洽谈')").fetchone()[0] == 0
    dump = "\n".join(conn.iterdump())
    assert LEAD not in dump and "0531-000001" not in dump and "张经理" not in dump
    # a unit a lead reserved stays reserved, without whom for
    assert (
        conn.execute("SELECT count(*) FROM units WHERE enterprise_id NOT IN (SELECT id FROM enterprises)").fetchone()[0]
        == 0
    )


def test_internal_snapshot_keeps_everything(run, tmp_path):
    conn = snapshot(run, tmp_path, "--internal")
    assert conn.execute("SELECT count(*) FROM enterprises WHERE name = ?", (LEAD,)).fetchone()[0] == 1
    assert "contact_phone" in {r[1] for r in conn.execute("PRAGMA table_info(carriers)")}


def test_snapshot_views_and_search_index(run, tmp_path):
    conn = snapshot(run, tmp_path)
    vacant = conn.execute("SELECT count(*) FROM vacant_units").fetchone()[0]
    assert vacant == conn.execute("SELECT count(*) FROM units WHERE status = 'vacant'").fetchone()[0] > 0
    assert conn.execute("SELECT count(*) FROM pipeline").fetchone()[0] > 0
    assert conn.execute("SELECT count(*) FROM carrier_map WHERE latitude IS NOT NULL").fetchone()[0] == 10
    from promo.web.plugin import promo_match

    conn.create_function("promo_match", 1, promo_match)
    sql = json.loads(json.dumps(__import__("promo.web.metadata", fromlist=["x"]).SEARCH_SQL))
    names = [r[1] for r in conn.execute(sql, {"q": "眼科"})]
    assert "山东施尔明国际眼科与眼视光临床中心" in names
    assert [r[1] for r in conn.execute(sql, {"q": "眼"})] == []


def test_sharing_needs_yes_share_off_a_terminal(run):
    result = run("serve", "--host", "0.0.0.0", "--port", free_port())
    assert result.exit_code == 2
    assert "--yes-share" in result.output and "0.0.0.0" in result.output


def test_internal_is_for_this_computer_only(run):
    result = run("serve", "--internal", "--host", "0.0.0.0", "--yes-share")
    assert result.exit_code == 2 and "only to this computer" in result.output


def test_a_port_in_use_is_named(run):
    pytest.importorskip("datasette", reason="promo serve needs the web extra: pip install '.[web]'")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", "--port", port)
    assert result.exit_code == 1
    assert f"port {port} on 127.0.0.1 is in use" in result.output


def test_a_host_that_is_no_address_is_a_usage_error(run):
    pytest.importorskip("datasette", reason="promo serve needs the web extra: pip install '.[web]'")
    result = run("serve", "--host", "no-such-host.invalid", "--yes-share", "--port", free_port())
    assert result.exit_code == 2 and "no-such-host.invalid" in result.output


def test_bad_port_is_a_usage_error(run):
    result = run("serve", "--port", "70000")
    assert result.exit_code == 2 and "70000" in result.output


def _chromium() -> str | None:
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def start_server(db_path, *args) -> tuple[subprocess.Popen, str]:
    """`promo serve` on a free loopback port, once it answers; returns the process and the database URL."""
    port = free_port()
    env = {**os.environ, "PROMO_DB": str(db_path)}
    server = subprocess.Popen([sys.executable, "-m", "promo", "serve", "--port", str(port), *args], env=env,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
    base = f"http://127.0.0.1:{port}/catalogue"
    deadline = time.monotonic() + 90
    while True:
        try:
            if _get(base)[0] == 200:
                return server, base
        except OSError:
            pass
        if server.poll() is not None:
            raise AssertionError(server.stdout.read().decode())
        if time.monotonic() > deadline:
            server.kill()
            raise AssertionError("promo serve did not answer within 90 s")
        time.sleep(0.3)


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def test_internal_serves_everything_with_sql_and_download(db_path):
    pytest.importorskip("datasette", reason="promo serve needs the web extra: pip install '.[web]'")
    server, base = start_server(db_path, "--internal")
    try:
        sql = urllib.parse.quote("select name from enterprises where stage = '意向'")
        status, body = _get(f"{base}.json?sql={sql}&_shape=array")
        assert status == 200 and LEAD in {r["name"] for r in json.loads(body)}
        assert _get(f"{base}.db")[0] == 200
    finally:
        stop(server)


def test_the_vacant_units_page_in_a_real_browser(db_path, tmp_path):
    pytest.importorskip("datasette", reason="promo serve needs the web extra: pip install '.[web]'")
    browser = _chromium()
    if browser is None:
        pytest.skip("no Chromium on this machine (apt-get install chromium); the browser test cannot run")
    server, base = start_server(db_path)
    try:
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                 "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}"]  # fmt: skip
        page = f"{base}/vacant_units"
        dom = subprocess.run([browser, *flags, "--dump-dom", page], capture_output=True, text=True, timeout=120).stdout
        assert "空置单元" in dom
        live = sqlite3.connect(db_path)
        vacant = live.execute("SELECT count(*) FROM units WHERE status = 'vacant'").fetchone()[0]
        haiping = live.execute(
            "SELECT count(*) FROM units u JOIN carriers c ON c.id = u.carrier_id "
            "WHERE u.status = 'vacant' AND c.code = 'haiping-device-park'"
        ).fetchone()[0]
        live.close()
        assert f"{vacant} rows" in dom
        assert "A1-402" in dom  # a vacant seed unit, as a row
        facet = re.search(r'id="facet-carrier".*?海凭国际·济南医疗器械产业园</a>\s*(\d+)', dom, re.S)
        assert facet and int(facet[1]) == haiping  # the carrier facet counts that park's vacant units
        shot = tmp_path / "vacant_units.png"
        subprocess.run([browser, *flags, "--window-size=1280,1200", f"--screenshot={shot}", page],
                       capture_output=True, timeout=120)  # fmt: skip
        assert shot.exists() and shot.stat().st_size > 10_000
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        # no personal contact and no lead anywhere a visitor can reach; no SQL box, no download
        status, carriers = _get(f"{base}/carriers.json?_shape=array&_size=max")
        assert status == 200 and "0531-000001" not in carriers and "contact_phone" not in carriers
        assert LEAD not in _get(f"{base}/enterprises.json?_shape=array&_size=max")[1]
        assert _get(f"{base}?sql=select+1")[0] == 403
        assert _get(f"{base}.db")[0] in (403, 404)
    finally:
        stop(server)
    assert server.returncode is not None  # the server is stopped


def test_a_bad_query_parameter_is_a_bad_request_not_a_server_error(db_path):
    pytest.importorskip("datasette", reason="promo serve needs the web extra: pip install '.[web]'")
    server, base = start_server(db_path)
    try:
        bad = ("_sort=no_such_column", "_sort_desc=zz", "_through=not-json", "_through=%7B%7D", "_timelimit=abc")
        for query in bad:
            for page in (f"{base}/carriers", f"{base}/carriers.json"):
                try:
                    urllib.request.urlopen(f"{page}?{query}", timeout=10)
                    raise AssertionError(f"{page}?{query} answered 200")
                except urllib.error.HTTPError as exc:
                    body = exc.read().decode("utf-8", errors="replace")
                    assert exc.code == 400 and "Bad parameters" in body, (query, exc.code, body[:300])
        escaped = _get_body(f"{base}/carriers?_sort=%3Cscript%3Ealert(1)%3C/script%3E")
        assert "<script>alert(1)" not in escaped and "&lt;script&gt;" in escaped
        assert _get(f"{base}/carriers")[0] == 200  # the page itself is fine
    finally:
        stop(server)
    log = server.stdout.read().decode("utf-8", errors="replace")
    assert "Traceback" not in log, log[-2000:]


def _get_body(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.read().decode("utf-8", errors="replace")


def test_the_serving_line_is_all_in_the_officers_language(db_path, monkeypatch):
    pytest.importorskip("datasette", reason="promo serve needs the web extra: pip install '.[web]'")
    monkeypatch.setenv("PROMO_LANG", "zh")
    server, base = start_server(db_path)
    try:
        line = server.stdout.readline().decode()
    finally:
        stop(server)
    assert base in line and "公开快照" in line and "public snapshot" not in line, line


def test_the_internal_catalogue_answers_no_other_sites_name(db_path):
    # DNS rebinding: a page on attacker.example points its name at 127.0.0.1 and reads the internal catalogue
    pytest.importorskip("datasette", reason="promo serve needs the web extra: pip install '.[web]'")
    server, base = start_server(db_path, "--internal")
    try:
        port = urllib.parse.urlsplit(base).port
        sql = urllib.parse.quote("select name from enterprises")
        for host, status in ((f"attacker.example:{port}", 400), (f"127.0.0.1.evil.com:{port}", 400),
                             (f"localhost:{port}", 200), (f"127.0.0.1:{port}", 200)):  # fmt: skip
            request = urllib.request.Request(f"{base}.json?sql={sql}", headers={"Host": host})
            try:
                with urllib.request.urlopen(request, timeout=10) as r:
                    got, body = r.status, r.read().decode()
            except urllib.error.HTTPError as exc:
                got, body = exc.code, exc.read().decode()
            assert got == status, (host, got, body[:200])
            assert status == 400 or LEAD in {row[0] for row in json.loads(body)["rows"]}
    finally:
        stop(server)


def test_a_host_header_names_its_computer_without_the_port():
    from promo.web.hosts import host_name

    assert host_name("127.0.0.1:8001") == "127.0.0.1" and host_name("LOCALHOST") == "localhost"
    assert host_name("[::1]:8001") == "::1" and host_name("evil.com:80") == "evil.com"
    assert host_name("127.0.0.1:8001:x") not in ("127.0.0.1", "localhost", "::1")
