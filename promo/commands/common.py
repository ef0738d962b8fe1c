"""Options and helpers shared by commands: output format, catalogue access, value parsing."""

from __future__ import annotations

import click

from promo.errors import BadValue


def format_option(fn):
    """--format table|csv|json|markdown, on every listing."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "csv", "json", "markdown"], case_sensitive=False),
        default="table",
        show_default=True,
        help="Output format: a table for people, csv/json for scripts, markdown for documents.",
    )(fn)


def catalogue(ctx: click.Context | None = None):
    """The open catalogue of this invocation (opened once, built from the seeds when missing)."""
    from promo.db import open_catalogue

    ctx = ctx or click.get_current_context()
    root = ctx.find_root()
    root.ensure_object(dict)
    conn = root.obj.get("conn")
    if conn is None:
        conn = open_catalogue(root.obj.get("db_path"))
        root.obj["conn"] = conn
        root.call_on_close(conn.close)
    return conn


def parse_or_usage(parser, value, *args, **kwargs):
    """Run a text parser; a BadValue becomes click's usage error (exit 2) naming the option."""
    try:
        return parser(value, *args, **kwargs)
    except BadValue as exc:
        raise click.BadParameter(f"{exc.shown}: {exc.why}", param_hint=f"'{exc.field}'") from None
