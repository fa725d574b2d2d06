"""The written procedure that decides a cross-reference's relation, made from one place.

``sources/relations.yml`` gives each relation one wording, its ``description``; the procedure
(``procedure:``) holds the general rules and a line ``{relations}`` where the questions go. The
questions are made from the descriptions, in the file's order, so that the definitions, the
procedure on the principles page and the propose tool's form say the same thing in the same
words, and cannot drift apart."""
from __future__ import annotations

MARK = "{relations}"


def procedure_markdown(procedure: str, relations: dict, first: int = 2) -> str:
    """The procedure with the relation questions in place of :data:`MARK`: one numbered step per
    relation between texts, the last one the relation that holds otherwise."""
    between = [r for r in relations.values() if r.get("texts", 2) > 1]
    steps = []
    for k, r in enumerate(between):
        label, text = str(r["label"]), " ".join(str(r["description"]).split())
        if k + 1 < len(between):
            steps.append(f"{first + k}. **{label}?** {text} If so, the relation is *{label.lower()}*.")
        else:
            steps.append(f"{first + k}. **Otherwise**, the relation is *{label.lower()}*: {text[0].lower()}{text[1:]}")
    return procedure.replace(MARK, "\n".join(steps))
