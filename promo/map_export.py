"""The investment map as files: RFC 7946 GeoJSON (streamed) and one self-contained HTML page."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable

from promo import geo
from promo.measures import area_text

PROPERTIES = (
    "code", "name", "name_en", "kind", "kind_label", "area", "status", "industries", "units", "vacant_units",
    "total_area_m2", "vacant_area_m2", "occupancy", "vacancy", "rent_min", "rent_max", "platforms",
)  # fmt: skip


def feature(row: dict, crs: str) -> dict:
    """One carrier as a GeoJSON Feature (lon, lat order); no contacts, ever."""
    lon, lat = geo.from_wgs84(row["lon"], row["lat"], crs)
    props = {k: row.get(k) for k in PROPERTIES}
    props["coordinates_sample"] = row["coordinates_sample"]  # seed coordinates are illustrative, not surveyed
    props["units_sample"] = row["units_sample"]
    return {
        "type": "Feature",
        "id": row["id"],
        "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
        "properties": props,
    }


def write_geojson(rows: Iterable[dict], out, *, crs: str = "wgs84", name: str = "") -> dict:
    """Stream a FeatureCollection to `out`, one feature per line; returns counts written and left out."""
    head = {"type": "FeatureCollection", "name": name, "coordinate_system": geo.CRS_LABELS[crs]}
    if crs != "wgs84":
        # RFC 7946 coordinates are WGS-84; a Chinese map wants its own system, and the file says which
        head["note"] = f"coordinates are {geo.CRS_LABELS[crs]}, not WGS-84, for Chinese map services"
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "features": [\n')
    written = missing = 0
    for row in rows:
        if not row["has_coordinates"]:
            missing += 1
            continue
        out.write((",\n" if written else "") + json.dumps(feature(row, crs), ensure_ascii=False))
        written += 1
    out.write("\n]}\n")
    return {"written": written, "missing": missing}


WIDTH, HEIGHT, TILE = 960, 600, 256
LABELLED = 40  # past this many points, names would cover each other: they stay in tooltips and popups
COLOURS = (  # (lowest vacancy share, colour, legend)
    (0.5, "#1a9850", "空置 ≥50%"),
    (0.2, "#91cf60", "空置 20–50%"),
    (0.000001, "#fdae61", "空置 <20%"),
    (0.0, "#999999", "满租 0%"),
)
NO_UNITS = ("#ffffff", "无房源数据")


def colour(vacancy: float | None) -> str:
    if vacancy is None:
        return NO_UNITS[0]
    return next(c for low, c, _ in COLOURS if vacancy >= low)


def _mercator(lon: float, lat: float, zoom: int) -> tuple[float, float]:
    scale = TILE * 2**zoom
    lat = max(min(lat, 85.0511), -85.0511)
    s = math.sin(math.radians(lat))
    return (lon + 180) / 360 * scale, (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * scale


def _view(points: list[tuple[float, float]]) -> tuple[int, float, float]:
    """The largest zoom (≤16) at which every point fits, and the pixel origin centring them."""
    for zoom in range(16, 0, -1):
        xs, ys = zip(*(_mercator(lon, lat, zoom) for lon, lat in points), strict=True)
        if max(xs) - min(xs) <= WIDTH - 80 and max(ys) - min(ys) <= HEIGHT - 80:
            break
    return zoom, (max(xs) + min(xs)) / 2 - WIDTH / 2, (max(ys) + min(ys)) / 2 - HEIGHT / 2


def _on_page(row: dict) -> bool:
    return row["has_coordinates"] and not row["problem"]


def _e(value) -> str:
    import html

    return html.escape("" if value is None else str(value), quote=True)


def _popup(r: dict) -> dict:
    has_units = bool(r["units"])
    return {
        "name": r["name"], "kind": r["kind_label"], "area": r["area"],
        "free": f"{r['vacant_units']}/{r['units']}" if has_units else "",
        "vacant": area_text(r["vacant_area_m2"]) if has_units else "", "rent": r["rent_range"],
        "industries": "、".join(r["industries"]), "platforms": "、".join(r["platforms"]), "sample": r["sample"],
    }  # fmt: skip


def html_page(rows: list[dict], title: str) -> str:
    """One page that needs no server and no script from elsewhere: an SVG map (OpenStreetMap tiles behind
    it when online), a legend, a popup per carrier and the list."""
    # a point outside China would zoom the page out to the whole world: it stays in the list, marked
    placed = [r for r in rows if _on_page(r)]
    svg = [f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#eef2f3"/>']
    if placed:
        zoom, ox, oy = _view([(r["lon"], r["lat"]) for r in placed])
        n = 2**zoom
        for tx in range(int(ox // TILE), int((ox + WIDTH) // TILE) + 1):
            for ty in range(max(int(oy // TILE), 0), min(int((oy + HEIGHT) // TILE), n - 1) + 1):
                svg.append(
                    f'<image href="https://tile.openstreetmap.org/{zoom}/{tx % n}/{ty}.png" x="{tx * TILE - ox:.1f}"'
                    f' y="{ty * TILE - oy:.1f}" width="{TILE}" height="{TILE}" onerror="this.remove()"/>'
                )
        for i, r in enumerate(rows):
            if not _on_page(r):
                continue
            x, y = _mercator(r["lon"], r["lat"], zoom)
            svg.append(
                f'<circle class="pt" data-i="{i}" cx="{x - ox:.1f}" cy="{y - oy:.1f}" r="8" '
                f'fill="{colour(r["vacancy"])}" stroke="#333" stroke-width="1.5">'
                f"<title>{_e(r['name'])}</title></circle>"
            )
            if len(placed) <= LABELLED:
                svg.append(f'<text class="lbl" x="{x - ox + 11:.1f}" y="{y - oy + 4:.1f}">{_e(r["name"])}</text>')
    legend = "".join(
        f'<li><span class="dot" style="background:{c}"></span>{_e(label)}</li>'
        for c, label in [(c, lbl) for _, c, lbl in COLOURS] + [NO_UNITS]
    )
    body_rows, area = [], None
    for i, r in enumerate(rows):
        if r["area"] != area:
            area = r["area"]
            body_rows.append(f'<tr class="group"><th colspan="7">{_e(area)}</th></tr>')
        p = _popup(r)
        where = "" if _on_page(r) else " <em>无坐标</em>" if not r["has_coordinates"] else " <em>坐标存疑</em>"
        body_rows.append(
            f'<tr data-i="{i}"><td><span class="dot" style="background:{colour(r["vacancy"])}"></span>'
            f"{_e(r['name'])}{' ※' if r['sample'] else ''}{where}</td><td>{_e(p['kind'])}</td><td>{_e(p['free'])}</td>"
            f'<td class="n">{_e(p["vacant"])}</td><td class="n">{_e(p["rent"])}</td><td>{_e(p["industries"])}</td>'
            f"<td>{_e(p['platforms'])}</td></tr>"
        )
    data = json.dumps([_popup(r) for r in rows], ensure_ascii=False).replace("<", "\\u003c")
    return _PAGE.format(
        title=_e(title), width=WIDTH, height=HEIGHT, svg="\n".join(svg), legend=legend, rows="\n".join(body_rows),
        data=data, count=len(placed), sample_note="※ 示例坐标/数据，非实测。" if any(r["sample"] for r in rows) else "",
        missing_note=f"，{len(rows) - len(placed)} 个无坐标（见下表）" if len(rows) > len(placed) else "",
    )  # fmt: skip


_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; margin: 1em; color: #222; }}
#wrap {{ position: relative; max-width: {width}px; }}
svg {{ width: 100%; height: auto; border: 1px solid #bbb; }}
.pt {{ cursor: pointer; }} .pt.on {{ stroke: #000; stroke-width: 4; }}
#legend {{ padding: 6px 0; font-size: 13px; }}
#legend ul {{ list-style: none; margin: 0; padding: 0; display: inline; }}
#legend li {{ display: inline; margin-right: 1em; }}
.lbl {{ font-size: 12px; paint-order: stroke; stroke: #fff; stroke-width: 3px; fill: #222; }}
.dot {{ display: inline-block; width: 11px; height: 11px; border-radius: 50%; border: 1px solid #333;
  margin-right: 5px; vertical-align: middle; }}
#popup {{ position: absolute; display: none; background: #fff; border: 1px solid #555; padding: 8px 12px;
  font-size: 13px; max-width: 320px; box-shadow: 0 2px 8px rgba(0,0,0,.3); }}
table {{ border-collapse: collapse; margin-top: 1em; font-size: 14px; }}
td, th {{ border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; }}
td.n {{ text-align: right; }} tr.group th {{ background: #f3f3f3; }} tr.on td {{ background: #ffe9a8; }}
small {{ color: #666; }}
</style></head><body>
<h1>{title}</h1>
<div id="wrap">
<svg viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">
{svg}
</svg>
<div id="popup"></div>
</div>
<div id="legend"><b>空置面积占比</b> <ul>{legend}</ul><br>
<small>{count} 个载体在图上{missing_note}；点击圆点或下表查看详情。
底图 © OpenStreetMap contributors（需联网，离线时不显示）</small></div>
<table><thead><tr><th>载体</th><th>类型</th><th>空置/单元</th><th>空置㎡</th><th>租金 元/㎡·天</th><th>产业</th>
<th>周边平台</th></tr></thead><tbody>
{rows}
</tbody></table>
<p><small>{sample_note}坐标为 WGS-84。</small></p>
<script type="application/json" id="data">{data}</script>
<script>
(function () {{
  var data = JSON.parse(document.getElementById("data").textContent);
  var popup = document.getElementById("popup"), wrap = document.getElementById("wrap");
  function esc(s) {{ var d = document.createElement("div"); d.textContent = s; return d.innerHTML; }}
  function show(i, x, y) {{
    var d = data[i];
    document.querySelectorAll(".on").forEach(function (e) {{ e.classList.remove("on"); }});
    document.querySelectorAll('[data-i="' + i + '"]').forEach(function (e) {{ e.classList.add("on"); }});
    var lines = [["类型", d.kind], ["片区/园区", d.area], ["空置单元", d.free],
      ["空置面积", d.vacant ? d.vacant + " ㎡" : ""], ["租金", d.rent ? d.rent + " 元/㎡·天" : ""],
      ["产业", d.industries], ["周边平台", d.platforms]];
    popup.innerHTML = "<b>" + esc(d.name) + (d.sample ? " ※" : "") + "</b><br>" + lines.filter(function (l) {{
      return l[1]; }}).map(function (l) {{ return esc(l[0]) + ": " + esc(l[1]); }}).join("<br>");
    if (x === undefined) {{ popup.style.display = "none"; return; }}
    popup.style.left = x + "px"; popup.style.top = y + "px"; popup.style.display = "block";
  }}
  document.querySelectorAll(".pt").forEach(function (c) {{
    c.addEventListener("click", function (ev) {{
      var r = wrap.getBoundingClientRect();
      show(+c.dataset.i, ev.clientX - r.left + 10, ev.clientY - r.top + 10); ev.stopPropagation();
    }});
  }});
  document.querySelectorAll("tr[data-i]").forEach(function (tr) {{
    tr.addEventListener("click", function () {{
      var c = document.querySelector('.pt[data-i="' + tr.dataset.i + '"]');
      if (!c) {{ show(+tr.dataset.i); return; }}
      var b = c.getBoundingClientRect(), r = wrap.getBoundingClientRect();
      show(+tr.dataset.i, b.left - r.left + 14, b.top - r.top + 14); wrap.scrollIntoView();
    }});
  }});
  wrap.addEventListener("click", function () {{ popup.style.display = "none"; }});
}})();
</script>
</body></html>
"""
