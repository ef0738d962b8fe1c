"""promo serve: the catalogue in a browser, read-only, through Datasette (pip install 'promo[web]')."""

from __future__ import annotations

import click

from promo.commands.common import ask, catalogue
from promo.i18n import _
from promo.web.hosts import LOOPBACK


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but this computer (e.g. 0.0.0.0) shares it on the network.",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True, help="Port to listen on.")
@click.option(
    "--internal", is_flag=True, help="Serve everything (contacts, notes, leads, SQL, download), to this computer only."
)
@click.option("--yes-share", is_flag=True, help="Confirm sharing on the network without a question (scripts).")
@click.option(
    "--snapshot",
    "snapshot_to",
    metavar="FILE",
    help="Write the database that would be served to FILE, and serve nothing.",
)
@click.pass_context
def serve(ctx, host, port, internal, yes_share, snapshot_to):
    """Open the catalogue in a browser: vacant units, the pipeline, the map, every list, and search.

    By default it serves a public snapshot built for the purpose: no personal contacts, no notes, no
    credit codes, no leads before 签约, no SQL box and no database download. --internal serves every
    list to this computer only. The snapshot is taken at start; restart to see later changes.

    \b
    Examples:
      promo serve
      promo serve --port 8080
      promo serve --internal
      promo serve --host 0.0.0.0 --yes-share
      promo serve --snapshot public.db
    """
    import sys

    from promo.errors import BadValue

    shared = host.strip().lower() not in LOOPBACK
    if not host.strip():
        raise BadValue("--host", repr(host), _("is empty; leave it out to serve to this computer only"))
    if shared and internal:
        raise BadValue(
            "--host",
            host,
            _("--internal serves contacts and leads, so only to this computer"),
            _("leave --host out, or drop --internal to share the public snapshot"),
        )
    if snapshot_to:
        _write_snapshot(ctx, snapshot_to, internal)
        return
    if shared:
        click.echo(
            _(
                "warning: --host {host} shares the catalogue's public snapshot with everyone who can reach this "
                "computer on the network"
            ).format(host=host),
            err=True,
        )
        if not yes_share:
            if not sys.stdin.isatty():
                raise BadValue("--host", host, _("shares the catalogue on the network; confirm with --yes-share"))
            if not ask(_("share it on the network?")):
                raise click.Abort
    _require_web()
    _check_port(host, port)
    _run(ctx, host, port, internal)


def _require_web() -> None:
    try:
        import datasette  # noqa: F401
    except ImportError:
        from promo.errors import Rejected

        raise Rejected(
            _("promo serve needs Datasette, which is not installed"),
            _("install the web extra: pip install 'promo[web]'"),
        ) from None


def _check_port(host: str, port: int) -> None:
    import socket

    from promo.errors import Rejected

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except socket.gaierror:
            from promo.errors import BadValue

            raise BadValue(
                "--host", host, _("is not an address of this computer"), _("e.g. 127.0.0.1 or 0.0.0.0")
            ) from None
        except OSError as exc:
            if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
                raise Rejected(
                    _("port {port} on {host} is in use").format(port=port, host=host),
                    _("choose another with --port, e.g. --port {v0}").format(v0=port + 1),
                ) from None
            raise Rejected(
                _("cannot listen on {host}:{port}: {v2}").format(host=host, port=port, v2=exc.strerror or exc)
            ) from None


def _write_snapshot(ctx, path: str, internal: bool) -> None:
    import os
    import tempfile
    from pathlib import Path

    from promo.errors import Rejected
    from promo.web import snapshot

    target = Path(path)
    if target.exists():
        raise Rejected(
            _("{target} exists already; nothing was written").format(target=target), _("give a new file name")
        )
    if not target.parent.is_dir():
        raise Rejected(
            _("cannot write {target}: folder {parent} does not exist").format(target=target, parent=target.parent)
        )
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    os.unlink(tmp)
    try:
        counts = snapshot.build(catalogue(ctx), Path(tmp), internal=internal)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    kind = "internal" if internal else "public"
    click.echo(
        _("{kind} snapshot written to {target}: {v2:,} rows in {n} tables").format(
            kind=kind, target=target, v2=sum(counts.values()), n=len(counts)
        ),
        err=True,
    )


def _run(ctx, host: str, port: int, internal: bool) -> None:
    import asyncio
    import tempfile
    from pathlib import Path

    import uvicorn
    from datasette.app import Datasette
    from datasette.plugins import pm

    from promo.web import metadata, plugin, snapshot

    conn = catalogue(ctx)
    zone = conn.execute("SELECT name FROM zone ORDER BY id LIMIT 1").fetchone()
    with tempfile.TemporaryDirectory(prefix="promo-serve-") as tmp:
        path = Path(tmp) / f"{metadata.DATABASE}.db"
        snapshot.build(conn, path, internal=internal)
        if not pm.is_registered(plugin):
            pm.register(plugin, name="promo")
        if pm.has_plugin("datasette.handle_exception"):  # promo's handler calls it, bad parameters made 400s
            pm.unregister(name="datasette.handle_exception")
        ds = Datasette(
            immutables=[str(path)],
            metadata=metadata.metadata(zone[0] if zone else "promo", snapshot.columns(path), internal=internal),
            settings={
                "allow_download": internal,
                "suggest_facets": False,
                "default_page_size": 50,
                "sql_time_limit_ms": 2000,
            },
        )
        asyncio.run(ds.invoke_startup())
        url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/{metadata.DATABASE}"
        if internal:
            said = _("serving everything (internal) at {url}  (Ctrl-C stops)")
        else:
            said = _("serving the public snapshot at {url}  (Ctrl-C stops)")
        click.echo(said.format(url=url), err=True)
        app = ds.app()
        if host.strip().lower() in LOOPBACK:  # served to this computer only: no other site's name (DNS rebinding)
            from promo.web.hosts import loopback_only

            app = loopback_only(app)
        uvicorn.run(app, host=host, port=port, log_level="warning", lifespan="on")
