"""promo zone: the zone profile — name, the office's contact in zh and en, the exchange rate briefs use."""

from __future__ import annotations

import click

from promo.commands.common import catalogue, fields_from, format_option, journaled, options, say
from promo.i18n import N_, _

ZONE_OPTIONS = [
    ("--name", "name", N_("The zone's name.")),
    ("--name-en", "name_en", N_("The zone's English name.")),
    ("--positioning", "positioning", N_("Positioning (定位), one paragraph.")),
    ("--positioning-en", "positioning_en", N_("Positioning in English.")),
    ("--location", "location", N_("Where the zone is.")),
    ("--location-en", "location_en", N_("Where the zone is, in English.")),
    ("--planned-area", "planned_area_km2", N_("Planned area, km².")),
    ("--office", "office_name", N_("The investment-promotion office (招商部门).")),
    ("--office-en", "office_name_en", N_("The office's English name.")),
    ("--office-phone", "office_phone", N_("The office's phone: printed in every brief.")),
    ("--office-email", "office_email", N_("The office's e-mail: printed in every brief.")),
    ("--address", "office_address", N_("The office's address.")),
    ("--address-en", "address_en", N_("The office's address in English (English briefs).")),
    ("--usd-cny-rate", "usd_cny_rate", N_("CNY per USD, for amounts in English briefs (e.g. 7.10).")),
]


@click.group(invoke_without_command=True)
@format_option
@click.pass_context
def zone(ctx, fmt):
    """Show the zone profile; values marked ※ are sample values not yet replaced by the office.

    \b
    Examples:
      promo zone
      promo zone set --office-phone 0531-12345678 --office-email invest@example.gov.cn
    """
    if ctx.invoked_subcommand:
        return
    from promo import views
    from promo.edit.zone import profile

    def prepare(rows) -> None:
        for r in rows:
            shown = f"{r['value']:g}" if isinstance(r["value"], float) else r["value"]
            r["shown"] = f"{shown} ※" if r["sample"] and shown is not None else shown
            r["label"] = _(r["label"])

    found = profile(catalogue(ctx))
    if fmt not in ("json", "csv"):
        found = [r for r in found if r["value"] not in (None, "")]
    caption = _("※ sample value: replace it with promo zone set")
    views.ZONE.show(found, fmt, prepare=prepare, caption=caption if any(r["sample"] for r in found) else None)


@zone.command("set")
@options(ZONE_OPTIONS)
@click.pass_context
def set_(ctx, **given):
    """Set fields of the zone profile; only the options given change, '' clears one, and a value set
    loses its ※ sample mark.

    \b
    Examples:
      promo zone set --office-phone 0531-12345678 --office-email invest@example.gov.cn
      promo zone set --address 高新区创新路1号 --address-en "1 Chuangxin Rd" --usd-cny-rate 7.18
    """
    from promo.edit.zone import LABELS, set_profile

    raw = fields_from(given, {"address_en": "office_address_en"})
    names = {key: flag for flag, key, *_ in ZONE_OPTIONS} | {"office_address_en": "--address-en"}
    changed = journaled(ctx, set_profile, raw, names=names)
    say(_("set {fields}").format(fields=_(", ").join(_(LABELS[k]) for k in changed["changed"])))
