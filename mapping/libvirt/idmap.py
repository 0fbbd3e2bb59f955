"""Container user and group ID mapping: `<idmap>` (formatdomain "Container/Hypervisor specific... idmap")."""
from __future__ import annotations

from ..core import element


@element()
class Idmap:
    """Not modelled yet: its content is kept as unknown XML."""
