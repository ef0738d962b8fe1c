"""What a brief is asked for: focus, date, language, audience and format, checked before anything is read."""

from __future__ import annotations

from dataclasses import dataclass

from promo.errors import BadValue

AUDIENCES = ("public", "internal")


@dataclass(frozen=True)
class Request:
    """What to brief on, for whom, in which language and format."""

    date: str
    lang: str = "zh"
    audience: str = "public"
    fmt: str = "markdown"
    industry: str | None = None
    carrier: str | None = None
    prospect: str | None = None

    @property
    def internal(self) -> bool:
        return self.audience == "internal"

    @property
    def scope(self) -> str:
        if self.prospect:
            return "prospect"
        if self.carrier:
            return "carrier"
        if self.industry:
            return "industry"
        return "zone"

    def check(self) -> None:
        """Usage errors, raised before the catalogue is read."""
        focus = (("--industry", self.industry), ("--carrier", self.carrier), ("--for", self.prospect))
        for option, value in focus:
            if value is not None and not str(value).strip():
                raise BadValue(option, value, "is empty; give a name or code")
        chosen = [option for option, value in focus if value is not None]
        if len(chosen) > 1:
            raise BadValue(chosen[1], self._value(chosen[1]), f"cannot be combined with {chosen[0]}; choose one focus")
        if self.lang not in ("zh", "en"):
            raise BadValue("--lang", self.lang, "use zh or en")
        if self.audience not in AUDIENCES:
            raise BadValue("--audience", self.audience, "use public or internal")
        if self.fmt not in ("markdown", "wechat"):
            raise BadValue("--format", self.fmt, "use markdown or wechat")

    def _value(self, option: str) -> str:
        return {"--industry": self.industry, "--carrier": self.carrier, "--for": self.prospect}[option] or ""
