"""promo policies add|update|expire|remove: the office's own 产业政策, eligibility given as options."""

from __future__ import annotations

import click

from promo.commands.editing import fields_from, options, refuse_empty, said, write

POLICY_OPTIONS = [
    ("--name-en", "name_en", "English name."),
    ("--doc-no", "doc_no", "文号, the document number (e.g. 济高管发〔2026〕3号)."),
    ("--issuer", "issuer", "Issuing body."),
    ("--issuer-en", "issuer_en", "Issuing body in English."),
    ("--level", "level", "national, provincial, municipal or zone (国家级, 省级, 市级, 园区)."),
    ("--kind", "kind", "Kind: 落户, 租金, 人才, 研发, 金融, 上市, 综合 …"),
    ("--start", "start_date", "In force from this date."),
    ("--end", "end_date", "In force until this date (promo policies expire ends it today)."),
    ("--cap", "cap_wan", "Cap in 万元 (500, 500万, 0.5亿)."),
    ("--rate", "rate", "Rate: 2% of --rate-basis."),
    ("--rate-basis", "rate_basis", "What the rate applies to: investment, annual_rent, rd_spend (投资, 租金, 研发)."),
    ("--terms", "description", "The terms in words."),
    ("--terms-en", "description_en", "The terms in English."),
    ("--source", "source", "Where the policy is published."),
    ("--for-industry", "industries", "Eligible industry (any level); repeat; '' = any.", True),
    ("--for-carrier", "carriers", "Eligible carrier; repeat; '' = any.", True),
    ("--for-stage", "stages", "Eligible pipeline stage (签约, 落地 …); repeat; '' = any.", True),
    ("--for-country", "countries", "Eligible country, or 境外 for any foreign one; repeat; '' = any.", True),
    ("--for-kind", "enterprise_kinds", "Eligible kind: company, hospital, institute; repeat; '' = any.", True),
    ("--min-investment", "min_investment_wan", "Minimum investment, 万元 (5000, 1.2亿)."),
    ("--eligibility-note", "note", "Other conditions, in words."),
]
_NAMES = {key: flag for flag, key, *_ in POLICY_OPTIONS} | {"name": "NAME"}


@click.command("add")
@click.argument("name")
@click.option("--code", help="A short code (default: from the English name).")
@options(POLICY_OPTIONS)
@click.pass_context
def add(ctx, name, **given):
    """Add a policy with its eligibility; `promo policies --for` then explains it.

    \b
    Examples:
      promo policies add 高新区落户奖励办法 --doc-no 高管发〔2026〕1号 --level 园区 --kind 落户 \\
          --start 2026-01-01 --end 2028-12-31 --rate 2% --rate-basis 投资 --cap 500 \\
          --for-industry 生物医药 --for-stage 签约 --min-investment 5000
    """
    from promo.edit import policies

    raw = fields_from(given)
    refuse_empty(raw, _NAMES)
    row = write(ctx, f"add policy {name}", policies.add, dict(raw, name=name), names=_NAMES)
    said(f"added policy {row['name']} ({row['code']})")


@click.command("update")
@click.argument("name")
@click.option("--name", "new_name", help="A new name.")
@options(POLICY_OPTIONS)
@click.pass_context
def update(ctx, name, new_name, **given):
    """Change a policy or its eligibility; only the options given change, '' clears (no restriction).

    \b
    Examples:
      promo policies update 高新区落户奖励办法 --cap 800 --for-stage 签约 --for-stage 注册
      promo policies update 高新区落户奖励办法 --for-country ''
    """
    from promo.edit import policies

    raw = fields_from(dict(given, name=new_name))
    row = write(ctx, f"update policy {name}", policies.update_policy, name, raw, names=_NAMES | {"name": "--name"})
    said(f"updated policy {row['name']}")


@click.command("expire")
@click.argument("name")
@click.option("--on", metavar="DATE", help="The last day it is in force (default: today).")
@click.pass_context
def expire(ctx, name, on):
    """End a policy: it leaves listings and briefs after that date, and stays on record.

    \b
    Example:
      promo policies expire 高新区落户奖励办法 --on 2026-12-31
    """
    from promo.edit import policies

    row = write(ctx, f"expire policy {name}", policies.expire, name, on)
    said(f"policy {row['name']} ends on {row['end_date']}")


@click.command("remove")
@click.argument("name")
@click.pass_context
def remove(ctx, name):
    """Remove a policy entered by mistake (a policy that ended is better expired: it stays on record)."""
    from promo.edit import policies

    row = write(ctx, f"remove policy {name}", policies.remove, name)
    said(f"removed policy {row['name']}")
