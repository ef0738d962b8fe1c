"""The served catalogue answers only to the names of this computer when it listens on this computer only.

A web page the officer opens elsewhere can point its own domain at 127.0.0.1 (DNS rebinding) and then read
`promo serve --internal` as if it were its own site: contacts, notes, leads. Its requests carry its own domain
in the Host header, so a server that listens on loopback refuses any Host that is not loopback.
"""

from __future__ import annotations

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def host_name(header: str) -> str:
    """The name in a Host header, without its port: 127.0.0.1:8001 → 127.0.0.1, [::1]:8001 → ::1."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def loopback_only(app):
    """ASGI `app`, answering 400 to a request whose Host is not a name of this computer."""

    from promo.i18n import _

    refusal = (_("promo serve answers only to 127.0.0.1 or localhost on this computer") + "\n").encode("utf-8")

    async def guarded(scope, receive, send):
        if scope["type"] == "http":
            header = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            if host_name(header) not in LOOPBACK:
                body = refusal
                headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", b"%d" % len(body))]
                await send({"type": "http.response.start", "status": 400, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
        await app(scope, receive, send)

    return guarded
