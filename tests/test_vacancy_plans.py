"""The vacancies listing reads the listing-order index in order whatever it is filtered by: a filtered
`--limit 20` stops after twenty hits instead of sorting every vacant unit in range (EXPLAIN QUERY PLAN,
not a timing)."""

import pytest

from promo.resources import VacancyFilter, vacancy_query

FILTERS = [
    {},
    {"min_area": 500, "max_rent": 1.5},
    {"min_area": 500},
    {"max_rent": 1.5},
    {"max_area": 800, "min_floor_load": 5},
    {"carrier": "精准医学产业园"},
    {"available_by": "2026-12-31"},
    {"industry": "高端医疗器械", "facilities": ["GMP洁净车间"]},
    {"kind": "land"},
]


def plan(conn, sql, params) -> dict[int, tuple[int, str]]:
    return {i: (parent, detail) for i, parent, _, detail in conn.execute("EXPLAIN QUERY PLAN " + sql, params)}


def under(steps: dict, node: int) -> list[str]:
    """The details of `node`'s direct children."""
    return [detail for parent, detail in steps.values() if parent == node]


@pytest.mark.parametrize("needs", FILTERS, ids=lambda d: ",".join(d) or "none")
def test_a_limited_listing_picks_its_rows_in_index_order(conn, needs):
    steps = plan(conn, *vacancy_query(conn, VacancyFilter(**needs, limit=20)))
    (pick,) = [i for i, (parent, detail) in steps.items() if parent == 0 and detail.startswith("LIST SUBQUERY")]
    inside = under(steps, pick)
    assert inside[0].startswith("SEARCH u USING COVERING INDEX units_status (status=?"), inside
    assert not any("TEMP B-TREE" in d for d in inside), inside  # the first twenty, not every match sorted


@pytest.mark.parametrize("needs", FILTERS, ids=lambda d: ",".join(d) or "none")
def test_a_whole_listing_is_read_in_order_without_a_sort(conn, needs):
    steps = plan(conn, *vacancy_query(conn, VacancyFilter(**needs)))
    top = under(steps, 0)
    assert [d for d in top if d.startswith("SEARCH u ")][0].startswith("SEARCH u USING INDEX units_status (status=?")
    assert not any("TEMP B-TREE" in d for d in top), top


@pytest.mark.parametrize("sort", ["area", "-area", "rent", "ready", "-load"])
def test_other_orders_pick_from_the_covering_index(conn, sort):
    # no index gives these orders with the tie-breaks; one pass over the index and a top-20 sort, no lookups
    steps = plan(conn, *vacancy_query(conn, VacancyFilter(min_area=500, sort=sort, limit=20)))
    (pick,) = [i for i, (parent, detail) in steps.items() if parent == 0 and detail.startswith("LIST SUBQUERY")]
    assert under(steps, pick)[0].startswith("SEARCH u USING COVERING INDEX units_status (status=?")


def test_the_limited_listing_is_the_head_of_the_whole_one(conn):
    from promo.resources import vacancies

    for needs in FILTERS:
        for sort in ("carrier", "area", "-rent", "ready"):
            whole = [r["id"] for r in vacancies(conn, VacancyFilter(**needs, sort=sort))]
            head = [r["id"] for r in vacancies(conn, VacancyFilter(**needs, sort=sort, limit=3))]
            assert head == whole[:3], (needs, sort)


def test_carriers_totals_and_match_neighbours_are_read_from_indexes_alone(conn):
    from promo.match import match
    from promo.resources import carriers

    seen = []
    conn.set_trace_callback(seen.append)
    carriers(conn)
    match(conn, {"kind": "company", "industry": "高端医疗器械", "min_area": 300}, on="2026-11-23", limit=5)
    conn.set_trace_callback(None)
    details = [d for sql in seen if sql.lstrip().upper().startswith(("SELECT", "WITH")) for d in explain(conn, sql)]
    assert "SEARCH u USING COVERING INDEX units_by_carrier (carrier_id=?) LEFT-JOIN" in details
    assert any("USING COVERING INDEX units_enterprise (enterprise_id=?)" in d for d in details)
    assert any("USING COVERING INDEX enterprises_industry (industry_id=? AND stage=?)" in d for d in details)


def explain(conn, sql: str) -> list[str]:
    # the traced statements carry their parameters written in
    return [r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql)]
