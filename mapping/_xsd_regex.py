"""XSD regular expressions (XML Schema 1.1 Part 2, appendix G) as Python `re` patterns.

Only the part of the language libvirt's value types use is translated: literals, the
single-character escapes, `.`, `\\s` `\\S` `\\d` `\\D`, character classes with ranges and
negation, groups, alternation and quantifiers. Anything else (`\\i`, `\\c`, `\\w`,
`\\p{..}`, class subtraction) is a ModelError naming the pattern, rather than a guess:
the two dialects read the same characters differently, and a silent mistranslation
would make the validator disagree with the published schema.
"""
from __future__ import annotations

import re

from .core.errors import ModelError

_SINGLE = {"n": "\n", "r": "\r", "t": "\t"}
_SINGLE.update((char, char) for char in "\\|.-^?*+{}()[]")
_SPACE = " \t\n\r"   # XSD's \s is these four, not Unicode's whitespace
_QUANTITY = re.compile(r"\{([0-9]+)(,([0-9]*))?\}")


def translate(pattern: str) -> str:
    """The Python pattern that `re.fullmatch` reads as XSD reads `pattern` (anchored at
    both ends, as every XSD pattern is)."""
    return _Translation(pattern).regex()


class _Translation:
    def __init__(self, pattern: str):
        self.pattern, self.at = pattern, 0
        self.out: list[str] = []

    def refuse(self, what: str) -> ModelError:
        return ModelError(f"XSD pattern {self.pattern!r}: {what} at offset {self.at} is not "
                          "supported by the model's validator")

    def regex(self) -> str:
        depth, quantifiable = 0, False
        while self.at < len(self.pattern):
            char = self.pattern[self.at]
            self.at += 1
            if char in "?*+{":
                if not quantifiable:
                    raise self.refuse(f"quantifier {char!r} with nothing to repeat")
                self.out.append(self.quantity() if char == "{" else char)
                quantifiable = False
                continue
            quantifiable = True
            if char == "(":
                depth += 1
                self.out.append("(?:")   # XSD has no back-references: nothing to capture
                quantifiable = False
            elif char == ")":
                depth -= 1
                if depth < 0:
                    raise self.refuse("unbalanced ')'")
                self.out.append(")")
            elif char == "|":
                self.out.append("|")
                quantifiable = False
            elif char == "[":
                self.out.append(self.char_class())
            elif char == "]" or char == "}":
                raise self.refuse(f"unescaped {char!r}")
            elif char == ".":
                self.out.append("[^\n\r]")   # (Python's `.` matches \r)
            elif char == "\\":
                self.out.append(self.escape(in_class=False))
            else:
                self.out.append(re.escape(char))   # `^` and `$` are plain characters in XSD
        if depth:
            raise self.refuse("unbalanced '('")
        return "".join(self.out)

    def quantity(self) -> str:
        found = _QUANTITY.match(self.pattern, self.at - 1)
        if found is None:
            raise self.refuse("malformed quantity")
        self.at = found.end()
        if found[3] and int(found[3]) < int(found[1]):
            raise self.refuse("quantity whose maximum is below its minimum")
        return found[0]

    def escape(self, in_class: bool) -> str:
        if self.at >= len(self.pattern):
            raise self.refuse("trailing '\\'")
        char = self.pattern[self.at]
        self.at += 1
        if char in _SINGLE:
            return re.escape(_SINGLE[char])
        if char == "s":
            return re.escape(_SPACE) if in_class else f"[{re.escape(_SPACE)}]"
        if char == "S" and not in_class:
            return f"[^{re.escape(_SPACE)}]"
        if char in "dD":
            return "\\" + char   # (Python's str \d is Unicode's Nd, as XSD's is)
        raise self.refuse(f"escape '\\{char}'")

    def char_class(self) -> str:
        parts = ["["]
        if self.pattern.startswith("^", self.at):
            parts.append("^")
            self.at += 1
        first = True
        while True:
            if self.at >= len(self.pattern):
                raise self.refuse("unclosed '['")
            char = self.pattern[self.at]
            if char == "]":
                if first:
                    raise self.refuse("empty class")
                self.at += 1
                return "".join(parts) + "]"
            if char == "[":
                raise self.refuse("nested class")
            parts.append(self.class_member())
            first = False

    def class_member(self) -> str:
        start = self.class_char()
        if self.pattern.startswith("-[", self.at):
            raise self.refuse("class subtraction")
        if (self.pattern.startswith("-", self.at) and self.at + 1 < len(self.pattern)
                and self.pattern[self.at + 1] != "]"):
            self.at += 1
            end = self.class_char()
            if len(start) != 1 or len(end) != 1:
                raise self.refuse("range bound that is not one character")
            if ord(end) < ord(start):
                raise self.refuse("range whose end is below its start")
            return f"{re.escape(start)}-{re.escape(end)}"
        return start if len(start) != 1 else re.escape(start)

    def class_char(self) -> str:
        """One character of a class, or the translation of a multi-character escape."""
        char = self.pattern[self.at]
        self.at += 1
        if char != "\\":
            return char
        if self.pattern[self.at:self.at + 1] in _SINGLE:
            self.at += 1
            return _SINGLE[self.pattern[self.at - 1]]
        return self.escape(in_class=True)   # (several characters: no range bound)


__all__ = ["translate"]
