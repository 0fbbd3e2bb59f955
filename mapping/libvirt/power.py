"""Power management: `<pm>` (formatdomain "Power Management")."""
from __future__ import annotations

from ..core import YesNo, element, path


@element()
class Pm:
    """Whether the guest may suspend to memory (S3) or disk (S4)."""

    suspend_to_mem: bool | None = path("suspend-to-mem/@enabled", codec=YesNo)
    suspend_to_disk: bool | None = path("suspend-to-disk/@enabled", codec=YesNo)
