import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from promo import uscc
from promo.errors import BadValue

# Codes as printed on business licences of well-known companies, and python-stdnum's own example.
VALID = ["91110000600037341L", "914403001922038216", "91440300708461136T", "91330100716105852F"]


@pytest.mark.parametrize("code", VALID)
def test_real_codes_pass(code):
    checked = uscc.validate(code)
    assert checked.code == code and checked.check_ok


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("９１１１００００６０００３７３４１Ｌ", "91110000600037341L"),  # full-width, as typed with a Chinese IME
        ("91110000600037341l", "91110000600037341L"),
        (" 9111 0000 6000 3734 1L ", "91110000600037341L"),
        ("911100-00600037341L", "91110000600037341L"),
        ("9111\u30000000600037341L", "91110000600037341L"),  # ideographic space
    ],
)
def test_typing_variants_are_normalised(typed, stored):
    assert uscc.validate(typed).code == stored


@pytest.mark.parametrize("department", ["A", "N", "Y", "1", "5"])
def test_letter_departments_of_the_standard_pass(department):
    # stdnum.validate rejects these (it wants 8 leading digits); GB 32100-2015 allows them
    body = f"{department}1370100MA3C5T8N5"
    code = body + stdnum_uscc.calc_check_digit(body)
    assert uscc.validate(code).code == code


@pytest.mark.parametrize("code, right", [("91110000600037341X", "L"), ("911100001000013428", "C")])
def test_wrong_check_character_says_what_was_expected(code, right):
    with pytest.raises(BadValue) as err:
        uscc.validate(code)
    assert "does not match" in str(err.value) and "licence" in str(err.value)
    assert code[:17] + right not in str(err.value)  # no ready-made "corrected" code to copy
    assert err.value.field == "--uscc"


def test_wrong_check_character_can_be_accepted_flagged():
    checked = uscc.validate("91110000600037341X", accept_bad_check=True)
    assert checked.code == "91110000600037341X"
    assert not checked.check_ok and checked.expected_check == "L"


@pytest.mark.parametrize(
    "code, why",
    [
        ("9111000060003734", "18 characters"),
        ("91110000600037341LL", "18 characters"),
        ("9111000060003734IL", "'I'"),
        ("911100006000373O1L", "'O'"),
        ("B1110000600037341L", "position 1"),
        ("0111000060003734 1L", "position 1"),
        ("9A110000600037341L", "position 2"),
        ("911A0000600037341L", "positions 3–8"),
        ("", "empty"),
    ],
)
def test_malformed_codes_are_refused_even_with_accept(code, why):
    with pytest.raises(BadValue, match=why):
        uscc.validate(code, accept_bad_check=True)


body_chars = st.text(alphabet=uscc.ALPHABET, min_size=9, max_size=9)


@given(
    department=st.sampled_from(sorted(uscc.DEPARTMENTS)),
    category=st.sampled_from("123456789"),
    region=st.text(alphabet="0123456789", min_size=6, max_size=6),
    org=body_chars,
    wrong=st.sampled_from(uscc.ALPHABET),
)
def test_exactly_one_check_character_is_right(department, category, region, org, wrong):
    body = department + category + region + org
    right = stdnum_uscc.calc_check_digit(body)
    assert uscc.validate(body + right).check_ok
    if wrong != right:
        with pytest.raises(BadValue, match="does not match"):
            uscc.validate(body + wrong)


def test_looks_like_uscc():
    assert uscc.looks_like_uscc("91110000600037341x")
    assert not uscc.looks_like_uscc("树兰(济南)医院")


@given(st.text(alphabet=uscc.ALPHABET, min_size=17, max_size=17))
def test_check_character_is_stdnums(body):
    assert uscc.check_character(body) == stdnum_uscc.calc_check_digit(body)
