"""Security label, key wrap and launch security (formatdomain "Security label", "Key Wrap", "Launch Security")."""
from __future__ import annotations

from ..core import element


@element()
class SecLabel:
    """Not modelled yet: its content is kept as unknown XML."""


@element()
class Keywrap:
    """Not modelled yet: its content is kept as unknown XML."""


@element()
class LaunchSecurity:
    """Not modelled yet: its content is kept as unknown XML."""
