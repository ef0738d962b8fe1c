"""What a brief is asked for: focus, date, language, audience and format, checked before anything is read."""

from __future__ import annotations

from dataclasses import dataclass

from promo.errors import BadValue
from promo.i18n import _

AUDIENCES = ("public", "internal")
FORMATS = ("markdown", "wechat", "docx", "html")


@dataclass(frozen=True)
class Request:
    """What to brief on, for whom, in which language and format."""

    date: str
    lang: str = "zh"
    audience: str = "public"
    fmt: str = "markdown"
    industry: str | None = None
    carrier: str | None = None
    prospect: str | None = None  # --for: a proposal sent to this enterprise
    about: str | None = None  # --about: a brief on this enterprise for third parties
    charts: bool = False
    publish_counts: bool = False  # --publish-counts: the after-signing counts, in a public brief too

    @property
    def internal(self) -> bool:
        return self.audience == "internal"

    @property
    def subject(self) -> str | None:
        """The enterprise a prospect brief is for or about."""
        return self.prospect if self.prospect is not None else self.about

    @property
    def addressed(self) -> bool:
        """A proposal sent to its reader (--for), who is named by its own name, never its code name."""
        return self.prospect is not None

    @property
    def scope(self) -> str:
        if self.subject is not None:
            return "prospect"
        if self.carrier:
            return "carrier"
        if self.industry:
            return "industry"
        return "zone"

    def check(self) -> None:
        """Usage errors, raised before the catalogue is read."""
        focus = (
            ("--industry", self.industry),
            ("--carrier", self.carrier),
            ("--for", self.prospect),
            ("--about", self.about),
        )
        for option, value in focus:
            if value is not None and not str(value).strip():
                raise BadValue(option, value, _("is empty; give a name or code"))
        chosen = [option for option, value in focus if value is not None]
        if len(chosen) > 1:
            raise BadValue(
                chosen[1],
                self._value(chosen[1]),
                _("cannot be combined with {option}; choose one focus").format(option=chosen[0]),
            )
        if self.lang not in ("zh", "en"):
            raise BadValue("--lang", self.lang, _("use zh or en"))
        if self.audience not in AUDIENCES:
            raise BadValue("--audience", self.audience, _("use public or internal"))
        if self.fmt not in FORMATS:
            raise BadValue("--format", self.fmt, _("use {choices}").format(choices=", ".join(FORMATS)))
        if self.publish_counts and self.subject is not None:
            raise BadValue(
                "--publish-counts",
                _("given"),
                _("a brief for or about one enterprise has no counts of the zone's projects"),
            )

    def _value(self, option: str) -> str:
        values = {"--industry": self.industry, "--carrier": self.carrier, "--for": self.prospect, "--about": self.about}
        return values[option] or ""
