"""Container user and group ID mapping: `<idmap>` (formatdomain "Container boot")."""
from __future__ import annotations

from ..core import attr, children, element
from .basictypes import UNSIGNED_INT


@element()
class IdRange:
    """`<uid start=.. target=.. count=..>`: container IDs from `start` map to host IDs."""

    start: int | None = attr("start", codec=UNSIGNED_INT)
    target: int | None = attr("target", codec=UNSIGNED_INT)
    count: int | None = attr("count", codec=UNSIGNED_INT)


@element()
class Idmap:
    """`<idmap>`: the container's user and group ID ranges mapped to the host's."""

    uids: list[IdRange] = children("uid")
    gids: list[IdRange] = children("gid")
