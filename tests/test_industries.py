"""The industry tree: one walk up, one walk down, used by every list that filters by industry."""

import pytest

from promo import industries
from promo.errors import NotFound


def test_descendants_are_the_industry_and_everything_below(tiny):
    assert sorted(industries.descendants(tiny, 2)) == [2, 3, 4]
    assert industries.descendants(tiny, 3) == [3]


def test_ancestors_run_from_the_leading_industry_down(tiny):
    assert [a["name"] for a in industries.ancestors(tiny, 3)] == ["医疗器械", "医学影像", "核心部件"]
    assert industries.path(tiny, 3) == ["医疗器械", "医学影像", "核心部件"]
    assert industries.path(tiny, None) == []


def test_related_is_up_and_down_but_not_the_siblings_of_an_ancestor(tiny):
    assert sorted(industries.related(tiny, 2)) == [1, 2, 3, 4]
    assert sorted(industries.related(tiny, 3)) == [1, 2, 3]  # not 整机, the sibling link


def test_root_and_chain(tiny):
    assert industries.root(tiny, 4) == 1
    assert industries.root(tiny, 5) == 5
    assert industries.chain_of(tiny, 3, "link") == 2
    assert industries.chain_of(tiny, 2, "chain") == 2


def test_roots_cte_gives_every_industry_its_leading_industry(tiny):
    found = dict(tiny.execute(f"WITH RECURSIVE {industries.ROOTS} SELECT id, root_id FROM roots").fetchall())
    assert found == {1: 1, 2: 1, 3: 1, 4: 1, 5: 5, 6: 5}


def test_found_by_name_in_either_script(tiny):
    assert sorted(industries.find_subtree(tiny, "醫學影像")) == [2, 3, 4]
    assert sorted(industries.find_related(tiny, "整机")) == [1, 2, 4]
    with pytest.raises(NotFound):
        industries.find_subtree(tiny, "火箭")
