"""A policy's estimated amount: what its rate multiplies (RATE_BASES), capped, with the arithmetic worded
for a person to check."""

from __future__ import annotations

from promo.profile import fmt_num, fmt_wan

# What a policy's rate multiplies, for the estimated amount, and over which period the cap runs.
RATE_BASES = {
    "investment": ("实际投资额", "investment_wan", ""),
    "annual_rent": ("年租金", "annual_rent_wan", "/年"),
    "rd_spend": ("年研发投入", "rd_wan", "/年"),
}


def estimate(policy: dict, profile: dict) -> tuple[float | None, str]:
    """The estimated amount in 万元 (rate × basis, capped) and how it was computed, for a person to check."""
    basis = RATE_BASES.get(policy.get("rate_basis") or "")
    rate, cap = policy.get("rate"), policy.get("cap_wan")
    period = basis[2] if basis else ""
    cap_text = f"最高 {fmt_wan(cap)}万元{period}" if cap is not None else ""
    if rate is None or basis is None:
        return None, cap_text
    label, key, _ = basis
    value = profile.get(key)
    pct = f"{fmt_num(rate * 100)}%"
    if value is None:
        return None, f"{label} × {pct}" + (f", {cap_text}" if cap_text else "") + f" ({label}未知)"
    raw = rate * value
    text = f"{label} {fmt_wan(value)}万元 × {pct} = {fmt_wan(raw)}万元{period}"
    if cap is not None and raw > cap:
        text += f", 超过上限, 按 {fmt_wan(cap)}万元{period}"
        return round(cap, 4), text
    return round(raw, 4), text
