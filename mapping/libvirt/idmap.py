"""Container user and group ID mapping: `<idmap>` (formatdomain "Container boot")."""
from __future__ import annotations

from ..core import attr, children, element


@element()
class IdRange:
    """`<uid start=.. target=.. count=..>`: container IDs from `start` map to host IDs."""

    start: int | None = attr("start")
    target: int | None = attr("target")
    count: int | None = attr("count")


@element()
class Idmap:
    uids: list[IdRange] = children("uid")
    gids: list[IdRange] = children("gid")
