"""promo map: 招商地图 — carriers and land parcels by area, as a listing, GeoJSON or an HTML page."""

from __future__ import annotations

import click

from promo.commands.common import Words, catalogue, format_option, say
from promo.i18n import N_, _, ngettext


@click.command("map")
@click.option("--kind", type=Words("carrier_kind"), help="Only carriers of this kind.")
@click.option(
    "--geojson", "geojson", metavar="FILE", help="Write an RFC 7946 GeoJSON FeatureCollection ('-' = stdout)."
)
@click.option("--html", "html", metavar="FILE", help="Write one self-contained HTML map page (opens from a file).")
@click.option(
    "--crs",
    type=Words("crs"),
    default="wgs84",
    show_default=True,
    help="Coordinates of --geojson: wgs84 (GPS, GIS tools), gcj02 (高德/腾讯), bd09 (百度).",
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@format_option
@click.pass_context
def map_(ctx, kind, geojson, html, crs, force, fmt):
    """The investment map: every carrier and land parcel grouped by area (片区/园区), with kind, industries,
    vacancy, occupancy, rent range and the platforms within 1 km.

    Carriers without coordinates stay in the listing and are left out of --geojson and --html, with a
    count on stderr; coordinates outside China are warned about.

    \b
    Examples:
      promo map
      promo map --kind land --format json
      promo map --geojson carriers.geojson
      promo map --geojson gaode.geojson --crs gcj02
      promo map --html 招商地图.html
    """
    from promo import investment_map
    from promo.resources import parse_kind

    if kind:
        parse_kind(kind)  # a bad kind is a usage error before anything is read
    for option, path in (("--geojson", geojson), ("--html", html)):
        if path and path != "-":
            _check_target(path, force, option)
    conn = catalogue(ctx)
    crs = crs.lower()
    if geojson:
        counts = _write(geojson, force, lambda out: _geojson(conn, out, kind, crs))
        done = _("{count} carriers written to {path} ({crs})")
        _report(counts, done.format(count=counts["written"], path=geojson, crs=crs.upper()), geojson)
    if html:
        rows = list(investment_map.carriers(conn, kind=kind))
        counts = _write(html, force, lambda out: _html(conn, out, rows))
        done = _("map of {count} carriers written to {path}")
        _report(counts, done.format(count=counts["written"], path=html), html)
    if not geojson and not html:
        _listing(list(investment_map.carriers(conn, kind=kind)), fmt)


def _geojson(conn, out, kind, crs) -> dict:
    from promo import investment_map, map_export

    problems = []

    def watched():
        for r in investment_map.carriers(conn, kind=kind):
            if r["problem"]:
                problems.append(f"{r['name']} ({r['lat']}, {r['lon']}): {r['problem']}")
            yield r

    counts = map_export.write_geojson(watched(), out, crs=crs, name=_zone(conn) + " 招商地图")
    return counts | {"problems": problems}


def _html(conn, out, rows) -> dict:
    from promo import map_export

    out.write(map_export.html_page(rows, _zone(conn) + " 招商地图"))
    placed = sum(r["has_coordinates"] and not r["problem"] for r in rows)
    problems = [
        f"{r['name']} ({r['lat']}, {r['lon']}): {r['problem']}; left off the page" for r in rows if r["problem"]
    ]
    return {"written": placed, "missing": len(rows) - placed, "problems": problems}


def _zone(conn) -> str:
    row = conn.execute("SELECT name FROM zone ORDER BY id LIMIT 1").fetchone()
    return row[0] if row else ""


def _report(counts: dict, done: str, path: str) -> None:
    """What was written and what was left out, on stderr; names and paths escaped (say)."""
    if counts["missing"]:
        say(
            _("{missing} carriers have no coordinates and were left out of {path}").format(
                missing=counts["missing"], path=path
            ),
            err=True,
        )
    for line in counts["problems"][:10]:
        say(_("warning: {line}").format(line=line), err=True)
    if len(counts["problems"]) > 10:
        say(_("warning: … and {v0} more with doubtful coordinates").format(v0=len(counts["problems"]) - 10), err=True)
    if path != "-":
        say(done, err=True)


def _check_target(path: str, force: bool, option: str) -> None:
    from promo import files

    files.check_output(path, force=force, what=N_("the map"), option=option)  # one rule for every destination


def _write(path: str, force: bool, produce) -> dict:
    """Run `produce(out)` into a temporary file beside `path`, renamed into place only when complete."""
    import os
    import sys
    import tempfile
    from pathlib import Path

    if path == "-":
        return produce(sys.stdout)
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            counts = produce(out)
        if target.exists() and not force:  # appeared while we wrote
            from promo.errors import Rejected

            raise Rejected(
                _("{target} exists already; nothing was written").format(target=target), _("use --force to replace it")
            )
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # mkstemp's 0600 would hide the file from colleagues on a share
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return counts


def _listing(rows: list[dict], fmt: str) -> None:
    from promo.views_map import MAP

    missing = sum(not r["has_coordinates"] for r in rows)
    if missing:
        click.echo(
            _("{missing} carriers have no coordinates (listed, but not placed on a map)").format(missing=missing),
            err=True,
        )
    for r in rows:
        if r["problem"]:
            click.echo(
                _("warning: {name} ({lat}, {lon}): {problem}").format(
                    name=r["name"], lat=r["lat"], lon=r["lon"], problem=r["problem"]
                ),
                err=True,
            )
    MAP.show(rows, fmt, prepare=_prepare, caption=_caption)


def _prepare(rows: list[dict]) -> None:
    for r in rows:
        r["free"] = f"{r['vacant_units']}/{r['units']}" if r["units"] else ""
        r["where"] = (
            f"{r['lat']:.4f}, {r['lon']:.4f}" + (" ※" if r["sample"] else "") if r["has_coordinates"] else "无坐标"
        )


def _caption(rows: list[dict]) -> str:
    caption = ngettext(
        "{n} carrier; occupancy = leased or reserved area ÷ total area; platforms nearby = in it or within 1 km",
        "{n} carriers; occupancy = leased or reserved area ÷ total area; platforms nearby = in it or within 1 km",
        len(rows),
    ).format(n=len(rows))
    if any(r["sample"] for r in rows):
        caption += "\n" + _("※ sample coordinates: seed coordinates are illustrative, not surveyed")
    return caption
