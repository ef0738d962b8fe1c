"""What a listing shows is read back: an English label typed as a value is the code it labels, as the Chinese
label is (promo units shows 'being fitted out'; promo units set-status A1-402 'being fitted out' sets it)."""

import json

import pytest

from promo.edit.parsers import coded
from promo.errors import BadValue
from promo.projects import parse_milestone
from promo.resources import parse_kind
from promo.vocabulary import LABELS


@pytest.mark.parametrize("kind", ["unit_status", "carrier_kind"])
def test_every_label_of_a_kind_is_read_as_its_code(kind):
    parse = coded(kind)
    for code, (zh, en) in LABELS[kind].items():
        for word in (code, zh, en, en.upper(), f" {zh} "):
            assert parse(None, word, "--x") == code, word


def test_a_word_of_no_kind_is_refused_with_the_choices():
    with pytest.raises(BadValue) as refused:
        coded("unit_status")(None, "fitted", "--status")
    assert "--status fitted" in refused.value.message and "fitout" in refused.value.message


def test_carrier_kinds_and_milestones_read_their_english_labels():
    assert parse_kind("industrial park") == parse_kind("园区") == parse_kind("产业园") == "park"
    assert parse_kind("land plot") == "land"
    for code, (_zh, en) in LABELS["milestone"].items():
        assert parse_milestone(en) == code, en


def test_a_unit_set_to_the_state_an_english_listing_shows(run):
    assert run("units", "set-status", "A1-402", "being fitted out", "--until", "2027-03-31").exit_code == 0
    units = json.loads(run("units", "--format", "json").stdout)
    assert [u["status"] for u in units if u["unit"] == "A1-402"] == ["fitout"]
    refused = run("units", "set-status", "A1-402", "fitted out")
    assert refused.exit_code == 2 and "fitted out" in refused.output
