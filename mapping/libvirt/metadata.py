"""`<metadata>`: each foreign namespace's block kept intact and addressable (formatdomain "General metadata")."""
from __future__ import annotations

from ..core import element


@element()
class Metadata:
    """Not modelled yet: its content is kept as unknown XML."""
