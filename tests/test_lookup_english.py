"""A record is found by its English name too: an officer on an English screen types 'medical devices'."""

from __future__ import annotations

import pytest

from promo.errors import Ambiguous, NotFound
from promo.lookup import find


@pytest.fixture
def named(tiny):
    tiny.executemany(
        "UPDATE industries SET name_en = ? WHERE code = ?",
        [("Medical devices", "med"), ("Medical imaging", "imaging"), ("Core parts", "parts"), ("Biomedicine", "bio")],
    )
    return tiny


@pytest.mark.parametrize(
    "typed, code",
    [("Medical devices", "med"), ("medical  DEVICES", "med"), ("devices", "med"), ("core", "parts"),
     ("医疗器械", "med"), ("biomed", "bio")],
)  # fmt: skip
def test_an_english_name_whole_or_in_part_finds_its_row(named, typed, code):
    assert find(named, "industries", typed, "industry")["code"] == code


def test_a_part_shared_by_two_english_names_is_ambiguous_and_an_unknown_one_not_found(named):
    with pytest.raises(Ambiguous):
        find(named, "industries", "medical", "industry")
    with pytest.raises(NotFound):
        find(named, "industries", "dentistry", "industry")


def test_a_typed_name_like_a_pattern_matches_only_itself(named):
    with pytest.raises(NotFound):
        find(named, "industries", "Medical%", "industry")


def test_the_cli_finds_an_industry_by_its_english_name(run):
    english = run("vacancies", "--industry", "High-end medical devices", "--format", "json").output
    assert english == run("vacancies", "--industry", "高端医疗器械", "--format", "json").output


@pytest.mark.parametrize("typed", ["icine", "ical", "ore", "nan"])
def test_a_part_of_an_english_name_counts_only_from_the_start_of_a_word(named, typed):
    # `--industry nan` was saved as the industry whose English name holds 'governance'
    with pytest.raises(NotFound):
        find(named, "industries", typed, "industry")
