"""promo services: 帮办代办 — the approvals the committee handles for each project, their departments and paths."""

from __future__ import annotations

import click

from promo.commands.common import Words, catalogue, date_option, format_option, given, named, not_empty, parse_or_usage
from promo.i18n import _, ngettext


def _date(value, option):
    return date_option(value, option, meaning="by" if option == "--due" else "day")


def _text(value, option, *, required=False):
    from promo.enterprise_fields import parse_text

    text = parse_or_usage(parse_text, value, option, max_len=200)
    if required and not text:
        raise click.BadParameter(_("is empty"), param_hint=f"'{option}'")
    return text


@click.group(invoke_without_command=True)
@click.option("--enterprise", callback=not_empty, help="Only this enterprise's services.")
@click.option("--department", callback=not_empty, help="Only services handled by this department.")
@click.option("--status", type=Words("service_status"), help="Only services in this state.")
@click.option("--officer", callback=not_empty, help="Only this officer's services.")
@click.option("--overdue", is_flag=True, help="Only services past their due date and not done.")
@format_option
@click.pass_context
def services(ctx, enterprise, department, status, officer, overdue, fmt):
    """帮办代办: each project's approvals with department, officer, dates asked/due/done and status.

    `promo services apply` gives a project its industry's usual path in one step; overdue services also
    appear in `promo overdue`.

    \b
    Examples:
      promo services apply 晨生医疗 --asked 2026-03-01
      promo services update 晨生医疗 环评 --done 2026-04-20
      promo services --overdue
      promo services templates --industry 高端医疗器械
    """
    if ctx.invoked_subcommand:
        return
    from promo import services as domain
    from promo.views_after_signing import SERVICES

    status = parse_or_usage(domain.parse_status, status) if status else None
    found = domain.services(
        catalogue(ctx),
        enterprise=enterprise,
        department_name=department,
        status=status,
        officer=officer,
        overdue=overdue,
    )
    one = bool(enterprise and found)  # one enterprise: its name is in the title
    view = SERVICES.hide("name") if one else SERVICES
    title = _("Services: {name}").format(name=found[0]["name"]) if one else _("Services")
    view.show(found, fmt, title=title)


@services.command("add")
@click.argument("enterprise", callback=named)
@click.argument("item", callback=named)
@click.option(
    "--department",
    required=True,
    callback=given,
    help="The department that decides it (see promo services departments).",
)
@click.option("--officer", callback=given, help="The officer handling it (default the enterprise's owner).")
@click.option("--asked", metavar="DATE", help="When it was applied for.")
@click.option("--due", metavar="DATE", help="When it should be done; promo overdue lists it after.")
@click.option("--note", help="A remark.")
@click.pass_context
def add(ctx, enterprise, item, department, officer, asked, due, note):
    """Open one service for a project.

    \b
    Examples:
      promo services add 晨生医疗 消防验收 --department 住房和城乡建设局 --asked 2026-05-01 --due 2026-06-01
    """
    from promo import services as domain
    from promo.db import change

    item = _text(item, _("ITEM"), required=True)
    asked, due = _date(asked, "--asked"), _date(due, "--due")
    officer = _text(officer, "--officer")
    conn = catalogue(ctx)
    note = _text(note, "--note")
    r = change(conn, domain.add_service, enterprise, item, department, officer=officer, asked=asked, due=due, note=note)
    click.echo(
        _("service #{id} for {name}: {item} ({department})").format(
            id=r["id"], name=r["name"], item=r["item"], department=r["department"]
        )
    )


@services.command("update")
@click.argument("enterprise", callback=named)
@click.argument("item", callback=named)
@click.option("--status", type=Words("service_status"), help="Its new state.")
@click.option("--done", metavar="DATE", help="Done on this date (status 已办结).")
@click.option("--asked", metavar="DATE", help="When it was applied for.")
@click.option("--due", metavar="DATE", help="A new due date.")
@click.option("--officer", callback=given, help="Hand it to another officer.")
@click.option("--department", callback=given, help="Move it to another department.")
@click.option("--note", help="A remark.")
@click.pass_context
def update(ctx, enterprise, item, status, done, asked, due, officer, department, note):
    """Change a service: status, dates, officer or department.

    \b
    Examples:
      promo services update 晨生医疗 环评 --done 2026-04-20
      promo services update 晨生医疗 注册证 --status paused --note 补充临床资料
    """
    from promo import services as domain
    from promo.db import change

    status = parse_or_usage(domain.parse_status, status) if status is not None else None
    done, asked, due = _date(done, "--done"), _date(asked, "--asked"), _date(due, "--due")
    if not any(v is not None for v in (status, done, asked, due, officer, department, note)):
        raise click.UsageError(
            _("give what changes: --status, --done, --asked, --due, --officer, --department or --note")
        )
    conn = catalogue(ctx)
    officer, note = _text(officer, "--officer"), _text(note, "--note")
    r = change(
        conn,
        domain.update_service,
        enterprise,
        item,
        status=status,
        done=done,
        asked=asked,
        due=due,
        officer=officer,
        department_name=department,
        note=note,
    )
    if not r["changed"]:
        click.echo(_("{name} {item}: unchanged").format(name=r["name"], item=r["item"]))
        return
    from promo.field_labels import label
    from promo.vocabulary import shown

    changed = _(", ").join(label(column) for column in r["changed"])
    click.echo(
        _("{name} {item}: {status} ({changed})").format(
            name=r["name"], item=r["item"], status=shown("service_status", r["status"]), changed=changed
        )
    )


@services.command("apply")
@click.argument("enterprise", callback=named)
@click.option("--industry", callback=given, help="Use this industry's path instead of the enterprise's own.")
@click.option("--asked", metavar="DATE", help="Applied for on this date: due dates follow the usual days.")
@click.option("--officer", callback=given, help="The officer handling them (default the enterprise's owner).")
@click.pass_context
def apply(ctx, enterprise, industry, asked, officer):
    """Give a project the usual services of its industry (and of every project) in one step.

    Services it already has are left as they are. For medical devices the path is 医疗器械注册证,
    医疗器械生产许可, 辐射安全许可, 实验室 P2/P3 备案 with 项目备案, 环评, 能评 and 施工许可.

    \b
    Examples:
      promo services apply 晨生医疗 --asked 2026-03-01
      promo services apply 晨生医疗 --industry 新一代生物技术
    """
    from promo import services as domain
    from promo.db import change

    asked = _date(asked, "--asked")
    conn = catalogue(ctx)
    officer = _text(officer, "--officer")
    r = change(conn, domain.apply_template, enterprise, industry=industry, asked=asked, officer=officer)
    click.echo(
        ngettext("{name}: {n} service added ({v2})", "{name}: {n} services added ({v2})", len(r["added"])).format(
            name=r["name"], n=len(r["added"]), v2="、".join(r["added"])
        )
    )
    if r["kept"]:
        click.echo(_("already had: {v0}").format(v0="、".join(r["kept"])))


@services.group("templates", invoke_without_command=True)
@click.option("--industry", callback=not_empty, help="The path of this industry (with every project's items).")
@format_option
@click.pass_context
def templates_(ctx, industry, fmt):
    """The usual path of services per industry (what `promo services apply` adds); `add` extends it.

    \b
    Examples:
      promo services templates --industry 高端医疗器械
      promo services templates add 消防验收 --department 住建局 --days 20
    """
    if ctx.invoked_subcommand:
        return
    from promo import services as domain
    from promo.views_after_signing import SERVICE_TEMPLATES

    SERVICE_TEMPLATES.show(domain.templates(catalogue(ctx), industry), fmt)


@templates_.command("add")
@click.argument("item", callback=named)
@click.option("--department", required=True, callback=given, help="The department that decides it.")
@click.option("--industry", callback=given, help="Only for this industry (and below it); default every project.")
@click.option("--days", type=click.IntRange(1, 3650), help="The days it usually takes (due = asked + days).")
@click.pass_context
def template_add(ctx, item, department, industry, days):
    """Add a service to the usual path of an industry, or of every project.

    \b
    Examples:
      promo services templates add 临床试验机构备案 --department 药监局 --industry 新一代生物技术 --days 30
    """
    from promo import services as domain
    from promo.db import change

    item = _text(item, _("ITEM"), required=True)
    r = change(catalogue(ctx), domain.add_template, item, department, industry=industry, days=days)
    click.echo(
        _("{item} ({department}) added to the path of {v2}").format(
            item=r["item"], department=r["department"], v2=industry or "every project"
        )
    )


@services.command("departments")
@click.argument("action", required=False, type=click.Choice(["add"]))
@click.argument("name", required=False)
@click.option("--alias", "aliases", multiple=True, help="With add: a short name it is called by (住建局).")
@format_option
@click.pass_context
def departments_(ctx, action, name, aliases, fmt):
    """The departments services and coordination items go to; `add NAME` adds one.

    \b
    Examples:
      promo services departments
      promo services departments add 消防救援支队 --alias 消防
    """
    from promo import services as domain

    conn = catalogue(ctx)
    if action == "add":
        from promo.db import change

        name = _text(name, "NAME", required=True)
        r = change(conn, domain.add_department, name, [a for a in aliases if a.strip()])
        click.echo(_("department #{id}: {name}").format(id=r["id"], name=r["name"]))
        return
    if name:
        raise click.UsageError(_("to add a department: promo services departments add NAME"))
    from promo.views_after_signing import DEPARTMENTS

    DEPARTMENTS.show(domain.departments(conn), fmt)
