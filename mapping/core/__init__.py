"""The generic XML <-> dataclass engine. It knows nothing of libvirt."""
from ._plan import generated_source, plan_for, register_prefix
from .codecs import (BoolCodec, Codec, CodecRegistry, EnumCodec, Float, FloatCodec, HexInt,
                     HexIntCodec, Int, IntCodec, OnOff, Str, StrCodec, TrueFalse, YesNo,
                     default_registry)
from .compat import for_compat, set_since, since_of
from .declare import (attr, child, children, choice, element, entries, flag, path,
                      raw_elements, text, union)
from .enums import OpenEnum
from .errors import MappingError, ModelError, ParseError, Problem, SerializeError
from .extras import Extras
from .jsonio import from_dict, to_dict
from .tokens import Token
from .xmlio import (from_element, from_xml, parse_document, register_lazy_root, register_root,
                    registered_roots, root_class, to_element, to_xml)

__all__ = [
    "BoolCodec", "Codec", "CodecRegistry", "EnumCodec", "Extras", "Float", "FloatCodec", "HexInt",
    "HexIntCodec", "Int", "IntCodec", "StrCodec", "MappingError", "ModelError", "OnOff",
    "OpenEnum", "ParseError", "Problem", "SerializeError", "Str", "Token", "TrueFalse", "YesNo",
    "attr", "child", "children", "choice", "entries", "flag", "for_compat", "set_since",
    "since_of", "default_registry", "element", "from_dict", "from_element", "from_xml",
    "generated_source",
    "parse_document", "path", "plan_for", "raw_elements", "register_lazy_root",
    "register_prefix", "register_root", "registered_roots", "root_class",
    "text", "to_dict", "to_element", "to_xml", "union",
]
