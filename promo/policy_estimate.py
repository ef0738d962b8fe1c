"""A policy's estimated amount: what its rate multiplies (RATE_BASES), capped, with the arithmetic worded
for a person to check."""

from __future__ import annotations

from promo.i18n import _
from promo.profile import fmt_num, fmt_wan

# What a policy's rate multiplies, for the estimated amount, and over which period the cap runs (the Chinese
# label is what workbooks carry; shown in the user's language by rate_basis() and period()).
RATE_BASES = {
    "investment": ("实际投资额", "investment_wan", ""),
    "annual_rent": ("年租金", "annual_rent_wan", "/年"),
    "rd_spend": ("年研发投入", "rd_wan", "/年"),
}


def period(basis_code: str | None) -> str:
    """'/年' or '/year' after an amount given per year (rent relief, R&D grants); '' for a one-off."""
    basis = RATE_BASES.get(basis_code or "")
    return _("/year") if basis and basis[2] else ""


def cap_text(cap: float | None, basis_code: str | None) -> str:
    """A policy's cap as a person reads it: 最高 500万元/年, at most 500万元/year."""
    return _("at most {amount}万元{period}").format(amount=fmt_wan(cap), period=period(basis_code)) if cap else ""


def estimate(policy: dict, profile: dict) -> tuple[float | None, str]:
    """The estimated amount in 万元 (rate × basis, capped) and how it was computed, for a person to check."""
    from promo.vocabulary import shown

    code = policy.get("rate_basis") or ""
    basis = RATE_BASES.get(code)
    rate, cap = policy.get("rate"), policy.get("cap_wan")
    per = period(code)
    capped = cap_text(cap, code) if cap is not None else ""
    if rate is None or basis is None:
        return None, capped
    label, key = shown("rate_basis", code), basis[1]
    value = profile.get(key)
    pct = f"{fmt_num(rate * 100)}%"
    if value is None:
        text = f"{label} × {pct}" + (f", {capped}" if capped else "")
        return None, text + " " + _("({what} unknown)").format(what=label)
    raw = rate * value
    text = f"{label} {fmt_wan(value)}万元 × {pct} = {fmt_wan(raw)}万元{per}"
    if cap is not None and raw > cap:
        text += ", " + _("over the cap: {amount}万元{period}").format(amount=fmt_wan(cap), period=per)
        return round(cap, 4), text
    return round(raw, 4), text
