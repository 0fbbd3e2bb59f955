"""The generic XML <-> dataclass engine. It knows nothing of libvirt."""
from typing import TYPE_CHECKING, Any

from ._codegen import cache_folder
from ._plan import generated_source, plan_for, register_prefix
from .codecs import (BoolCodec, Codec, CodecRegistry, EnumCodec, Float, FloatCodec, HexInt,
                     HexIntCodec, Int, IntCodec, OnOff, Str, StrCodec, TrueFalse, YesNo,
                     default_registry)
from .compat import for_compat, left_out, set_since, since_of
from .declare import (attr, child, children, choice, element, entries, flag, path,
                      raw_elements, text, union, unions)
from .enums import OpenEnum
from .errors import MappingError, ModelError, ParseError, Problem, SerializeError
from ._safe import safe_parser
from .extras import Extras
from ._types import is_mapped
from .tokens import Token
from .xmlio import (class_for_root, from_element, from_xml, keep_source, parse_document,
                    register_lazy_root, register_root, registered_roots, root_class,
                    shared_roots, to_element, to_xml)

if TYPE_CHECKING:
    from .jsonio import from_dict, to_dict
    from .view import (ChildView, ClassView, ElementView, FieldView, ValueView, describe,
                       preferred_prefixes)

# Imported on first use, as a fresh process would otherwise pay for them at every import:
# JSON, and the view of a mapping (which serves tools: schemas, test data).
_LAZY = {"to_dict": "jsonio", "from_dict": "jsonio",
         **{name: "view" for name in ("ChildView", "ClassView", "ElementView", "FieldView",
                                      "ValueView", "describe", "preferred_prefixes")}}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib
    value = globals()[name] = getattr(importlib.import_module(f".{module}", __name__), name)
    return value


__all__ = [
    "BoolCodec", "ChildView", "ClassView", "Codec", "CodecRegistry", "ElementView",
    "EnumCodec", "Extras", "FieldView", "Float", "FloatCodec", "HexInt", "HexIntCodec", "Int",
    "IntCodec", "MappingError", "ModelError", "OnOff", "OpenEnum", "ParseError", "Problem",
    "SerializeError", "Str", "StrCodec", "Token", "TrueFalse", "ValueView", "YesNo", "attr",
    "child", "children", "choice", "default_registry", "describe", "element", "entries",
    "flag", "for_compat", "left_out", "from_dict", "from_element", "from_xml", "generated_source",
    "is_mapped", "parse_document", "path", "plan_for", "preferred_prefixes", "raw_elements",
    "register_lazy_root", "register_prefix", "register_root", "registered_roots", "shared_roots",
    "cache_folder", "class_for_root", "keep_source", "root_class", "safe_parser", "set_since",
    "since_of", "text", "to_dict", "to_element", "to_xml", "union", "unions",
]
