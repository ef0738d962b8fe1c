"""招商地图: every carrier and land parcel with its area (片区/园区), vacancy, occupancy and nearby platforms.

Rows come from one cursor and are yielded one at a time, so a GeoJSON of 100,000 carriers is written
in flat memory. A carrier's area is its own name for parks and clusters (each is a 园区/组团), and the
zone's name for the buildings, plots and incubators that belong to no park.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from promo import geo
from promo.measures import rent_text
from promo.schema_carrier_samples import is_sample
from promo.vocabulary import label

NEARBY_KM = 1.0
_BOX = 0.015  # degrees around a carrier checked for platforms before the exact distance (≥ 1 km at 53°N)

_SQL = """
SELECT c.id, c.code, c.name, c.name_en, c.kind, c.lat, c.lon, c.sample, c.sample_fields, c.status,
  CASE WHEN c.kind IN ('park', 'cluster') THEN c.name
       ELSE coalesce((SELECT name FROM zone ORDER BY id LIMIT 1), '') END AS area,
  (SELECT group_concat(name, '、') FROM (
     SELECT i.name FROM carrier_industries ci JOIN industries i ON i.id = ci.industry_id
     WHERE ci.carrier_id = c.id ORDER BY i.sort, i.id)) AS industries,
  (SELECT count(*) FROM units u WHERE u.carrier_id = c.id) AS units,
  (SELECT count(*) FROM units u WHERE u.carrier_id = c.id AND u.status = 'vacant') AS vacant_units,
  (SELECT coalesce(sum(area_m2), 0) FROM units u WHERE u.carrier_id = c.id) AS total_area_m2,
  (SELECT coalesce(sum(area_m2), 0) FROM units u WHERE u.carrier_id = c.id AND u.status = 'vacant')
     AS vacant_area_m2,
  (SELECT min(rent) FROM units u WHERE u.carrier_id = c.id AND u.status = 'vacant') AS rent_min,
  (SELECT max(rent) FROM units u WHERE u.carrier_id = c.id AND u.status = 'vacant') AS rent_max,
  (SELECT max(sample) FROM units u WHERE u.carrier_id = c.id) AS units_sample,
  (SELECT json_group_array(json_array(p.name, pc.lon, pc.lat, p.carrier_id = c.id))
     FROM platforms p LEFT JOIN carriers pc ON pc.id = p.carrier_id
     WHERE p.carrier_id = c.id OR (pc.lat BETWEEN c.lat - :box AND c.lat + :box
                                   AND pc.lon BETWEEN c.lon - :box AND c.lon + :box)) AS platforms
FROM carriers c
{where}
ORDER BY area, c.kind <> 'park', c.kind <> 'cluster', c.id
"""


def carriers(conn: sqlite3.Connection, *, kind: str | None = None) -> Iterator[dict]:
    """Each carrier as a map row, grouped by area; streamed from one cursor."""
    import json

    where, params = "", {"box": _BOX}
    if kind:
        from promo.resources import parse_kind

        where, params["kind"] = "WHERE c.kind = :kind", parse_kind(kind)
    cursor = conn.execute(_SQL.format(where=where), params)
    names = [d[0] for d in cursor.description]
    for values in cursor:
        r = dict(zip(names, values, strict=True))
        r["kind_label"] = label("carrier_kind", r["kind"])
        r["industries"] = r["industries"].split("、") if r["industries"] else []
        total = r["total_area_m2"]
        r["occupancy"] = round(1 - r["vacant_area_m2"] / total, 4) if total else None
        r["vacancy"] = round(r["vacant_area_m2"] / total, 4) if total else None
        # on the map a carrier's ※ is about its position: it goes once the office sets real coordinates
        r["sample"] = r["coordinates_sample"] = is_sample(r, "coordinates")
        r.pop("sample_fields")
        r["units_sample"] = bool(r["units_sample"])
        r["has_coordinates"] = r["lat"] is not None and r["lon"] is not None
        r["platforms"] = _nearby(r, json.loads(r["platforms"] or "[]"))
        r["problem"] = geo.check(r["lon"], r["lat"]) if r["has_coordinates"] else None
        low, high = rent_text(r["rent_min"]), rent_text(r["rent_max"])
        r["rent_range"] = low if low == high else f"{low}–{high}"  # of the vacant units, 元/㎡·天
        yield r


def _nearby(row: dict, candidates: list) -> list[str]:
    out = []
    for name, lon, lat, hosted in candidates:
        if hosted or (
            row["has_coordinates"]
            and lon is not None
            and geo.distance_km(row["lon"], row["lat"], lon, lat) <= NEARBY_KM
        ):
            out.append(name)
    return list(dict.fromkeys(out))
