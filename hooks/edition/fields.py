"""Field checks for the YAML files editors write, with messages that say what to do."""
from __future__ import annotations

import re

from .problems import Problems, did_you_mean
from .yamlio import LineDict

ID_RX = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
TYPE_NAMES = {str: "a string", list: "a list", dict: "a mapping", int: "a whole number"}


def type_name(value) -> str:
    if value is None:
        return "empty"
    for t, name in ((bool, "true/false"), (str, "a string"), (int, "a number"), (float, "a number"),
                    (list, "a list"), (dict, "a mapping")):
        if isinstance(value, t):
            return name
    return type(value).__name__


# The longest value an editor may give in a field of that name (characters); see CONTRIBUTING.md.
# Longer values stop the build: a note of megabytes would make pages of megabytes.
LIMITS = {"note": 4000, "title": 200, "title_sentence": 200, "short": 40, "short_title": 80, "label": 120,
          "quote": 600, "prefix": 200, "suffix": 200, "description": 2000, "event": 300, "what": 300,
          "reason": 1000, "removed": 500, "rights": 1000, "publication": 200, "publisher": 200}


def check_fields(data, spec: dict, rel: str, problems: Problems, what: str, line: int = 1) -> bool:
    """Check a mapping against ``spec`` ({name: (type, required)}); report missing,
    unknown and wrongly typed fields, and strings longer than :data:`LIMITS` allows. Return
    True when the mapping can be used."""
    if not isinstance(data, dict):
        problems.add(rel, getattr(data, "line", line),
                     f"{what} must be a mapping of fields, not {type_name(data)}",
                     "see the template in CONTRIBUTING.md")
        return False
    ok = True
    at = data.line_of if isinstance(data, LineDict) else (lambda k: line)
    here = getattr(data, "line", line)
    for name, (typ, required) in spec.items():
        if name not in data or data[name] is None or data[name] == "":
            if required:
                problems.add(rel, here, f"missing field '{name}' in {what}",
                             f"every {what} needs {', '.join(k for k, (_, r) in spec.items() if r)}")
                ok = False
            continue
        value = data[name]
        if typ is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            data[name] = str(value)  # a bare number where text is expected (a year, `anchor: 1`) is text
            continue
        if not isinstance(value, typ) or isinstance(value, bool):
            problems.add(rel, at(name), f"field '{name}' must be {TYPE_NAMES[typ]}, not {type_name(value)}",
                         f"write it as {_example(typ, name)}")
            ok = False
        elif typ is str and len(value) > LIMITS.get(name, 10_000):
            problems.add(rel, at(name), f"field '{name}' has {len(value):,} characters, more than the "
                         f"{LIMITS.get(name, 10_000):,} allowed", "shorten it (CONTRIBUTING.md gives the limits)")
            ok = False
    for name in data:
        if name not in spec:
            problems.add(rel, at(name), f"unknown field '{name}' in {what}",
                         f"{did_you_mean(name, spec)}valid fields: {', '.join(spec)}")
            ok = False
    return ok


def _example(typ, name: str) -> str:
    return {str: f'{name}: "…"', list: f"{name}: [a, b]", dict: f"{name}: {{key: value}}",
            int: f"{name}: 1"}[typ]


# An http(s) URL whose characters cannot end a Markdown link or an HTML attribute early: no
# space, quote, bracket, parenthesis, angle bracket or backslash.
URL_RX = re.compile(r"^https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?"
                    r"(?:[/?#][A-Za-z0-9\-._~%!$&*+,;=:@/?#]*)?$")
LANG_RX = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


def check_url(value, rel: str, line: int, problems: Problems, what: str) -> bool:
    if not isinstance(value, str) or not URL_RX.match(value):
        problems.add(rel, line, f"{what} is not a plain http(s) URL: {value!r}",
                     "give the full address (https://…); percent-encode spaces, quotes, brackets and "
                     "parentheses (%20, %22, %5B, %28…)")
        return False
    return True


def check_lang(value, rel: str, line: int, problems: Problems, what: str) -> bool:
    if not isinstance(value, str) or not LANG_RX.match(value):
        problems.add(rel, line, f"{what} {value!r} is not a language tag", "write it as BCP 47 does: en, fa, "
                     "zh-Hans")
        return False
    return True


def check_id(value, rel: str, line: int, problems: Problems, what: str) -> bool:
    if not isinstance(value, str) or not ID_RX.match(value):
        problems.add(rel, line, f"{what} {value!r} is not a valid id",
                     "use lower-case ASCII letters, digits and hyphens, starting with a letter or digit")
        return False
    return True


def id_entries(data, key: str, spec: dict, rel: str, problems: Problems, seen: dict, what: str = "id") -> list:
    """The entries of the list ``data[key]`` (a mapping already checked to hold that list) that
    have the fields of ``spec`` and a valid id not seen before (``seen``: id → ``path:line``
    where it was defined, filled in here)."""
    out = []
    for i, e in enumerate(data[key]):
        if not check_fields(e, spec, rel, problems, f"entry of {key}", data[key].line_of(i)):
            continue
        if not check_id(e["id"], rel, e.line_of("id"), problems, "id"):
            continue
        if e["id"] in seen:
            problems.add(rel, e.line_of("id"), f"duplicate {what} '{e['id']}'", f"also defined at {seen[e['id']]}")
            continue
        seen[e["id"]] = f"{rel}:{e.line}"
        out.append(e)
    return out
