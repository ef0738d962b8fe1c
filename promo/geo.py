"""Coordinates: WGS-84 as stored, GCJ-02 (高德/腾讯) and BD-09 (百度) as Chinese maps use, and sanity checks.

The transforms are the published GCJ-02 obfuscation (Krasovsky 1940 ellipsoid constants) and Baidu's
BD-09 rotation, as in the widely used eviltransform/coordtransform code; tests pin their reference
vectors. GCJ-02 → WGS-84 has no closed form: it is inverted by iteration to well under a metre.
"""

from __future__ import annotations

import math

from promo.i18n import _

CRS = ("wgs84", "gcj02", "bd09")
CRS_LABELS = {"wgs84": "WGS-84", "gcj02": "GCJ-02 (高德/腾讯)", "bd09": "BD-09 (百度)"}

_A = 6378245.0
_EE = 0.00669342162296594323
_X_PI = math.pi * 3000.0 / 180.0

# A rectangle around mainland China, Hainan and Taiwan: outside it a zone's carrier is surely a typo.
CHINA = {"lon": (73.4, 135.1), "lat": (18.1, 53.6)}


def in_china(lon: float, lat: float) -> bool:
    """Inside the rectangle around China (GCJ-02 leaves points outside it unchanged)."""
    return CHINA["lon"][0] <= lon <= CHINA["lon"][1] and CHINA["lat"][0] <= lat <= CHINA["lat"][1]


def _dlat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _dlon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """WGS-84 → GCJ-02; points outside China are returned unchanged, as the standard does."""
    if not in_china(lon, lat):
        return lon, lat
    dlat = _dlat(lon - 105.0, lat - 35.0)
    dlon = _dlon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(radlat) ** 2
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * math.cos(radlat) * math.pi)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """GCJ-02 → WGS-84 by fixed-point iteration (converges to ~1e-9° in a few steps)."""
    if not in_china(lon, lat):
        return lon, lat
    wlon, wlat = lon, lat
    for _step in range(30):
        glon, glat = wgs84_to_gcj02(wlon, wlat)
        dlon, dlat = glon - lon, glat - lat
        wlon, wlat = wlon - dlon, wlat - dlat
        if abs(dlon) < 1e-10 and abs(dlat) < 1e-10:
            break
    return wlon, wlat


def gcj02_to_bd09(lon: float, lat: float) -> tuple[float, float]:
    """GCJ-02 → BD-09 (Baidu's rotation of GCJ-02)."""
    z = math.sqrt(lon * lon + lat * lat) + 0.00002 * math.sin(lat * _X_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * _X_PI)
    return z * math.cos(theta) + 0.0065, z * math.sin(theta) + 0.006


def bd09_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """BD-09 → GCJ-02: the published closed form (good to ~5 cm), refined by iteration to well under 1 mm."""
    x, y = lon - 0.0065, lat - 0.006
    z = math.sqrt(x * x + y * y) - 0.00002 * math.sin(y * _X_PI)
    theta = math.atan2(y, x) - 0.000003 * math.cos(x * _X_PI)
    glon, glat = z * math.cos(theta), z * math.sin(theta)
    for _step in range(10):
        blon, blat = gcj02_to_bd09(glon, glat)
        glon, glat = glon - (blon - lon), glat - (blat - lat)
        if abs(blon - lon) < 1e-10 and abs(blat - lat) < 1e-10:
            break
    return glon, glat


def from_wgs84(lon: float, lat: float, crs: str) -> tuple[float, float]:
    """Stored WGS-84 coordinates in the system a map tool expects."""
    if crs == "wgs84":
        return lon, lat
    glon, glat = wgs84_to_gcj02(lon, lat)
    return (glon, glat) if crs == "gcj02" else gcj02_to_bd09(glon, glat)


def to_wgs84(lon: float, lat: float, crs: str) -> tuple[float, float]:
    """Coordinates copied from a Chinese map (GCJ-02 or BD-09) as WGS-84, for storing."""
    if crs == "wgs84":
        return lon, lat
    if crs == "bd09":
        lon, lat = bd09_to_gcj02(lon, lat)
    return gcj02_to_wgs84(lon, lat)


def check(lon: float, lat: float) -> str | None:
    """Why a carrier's coordinates look wrong (swapped, or outside China), or None."""
    if in_china(lon, lat):
        return None
    if in_china(lat, lon):
        return _("纬度/经度 look swapped (lat/lon)")
    return _("outside China")


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def stored_point(lat: float, lon: float, crs: str = "wgs84") -> tuple[float, float, str | None]:
    """Coordinates as typed (in `crs`, e.g. copied from 高德 in gcj02) → (lat, lon) in WGS-84 to store, and a
    warning when they look swapped or lie outside China; out-of-range values are refused."""
    from promo.errors import BadValue

    if crs not in CRS:
        raise BadValue("--crs", crs, _("use wgs84 (GPS), gcj02 (高德/腾讯) or bd09 (百度)"))
    if not -90 <= lat <= 90:
        if -180 <= lat <= 180:
            raise BadValue(
                "--lat", lat, _("is not a latitude (-90 … 90); it looks like a longitude: are --lat and --lon swapped?")
            )
        raise BadValue("--lat", lat, _("is not a latitude (-90 … 90)"))
    if not -180 <= lon <= 180:
        raise BadValue("--lon", lon, _("is not a longitude (-180 … 180)"))

    warning = check(lon, lat)
    wlon, wlat = to_wgs84(lon, lat, crs)
    return round(wlat, 7), round(wlon, 7), warning
