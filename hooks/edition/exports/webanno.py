"""W3C Web Annotation Data Model export (``annotations.jsonld``)."""
from __future__ import annotations

from ..model import Edition
from ..urls import text_url

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
HTML_FRAGMENT = "http://tools.ietf.org/rfc/rfc3236"


def annotation_collection(ed: Edition, base: str) -> dict:
    """Every annotation as a W3C ``Annotation`` inside one ``AnnotationCollection``.

    ``base`` is the site's URL, ending in ``/``. A cross-reference has one target per
    passage, each with a FragmentSelector (the paragraph anchor) and a TextQuoteSelector;
    its bodies are the note (commenting), the relation (classifying) and the topics
    (tagging)."""
    created = f"{ed.meta.get('date', '2026-01-01')}T00:00:00Z"
    creator = {"type": "Organization", "name": ed.meta.get("publisher", "The editors")}
    items = []
    for ann in ed.annotations:
        body = [
            {"type": "TextualBody", "purpose": "commenting", "format": "text/html", "language": "en",
             "value": ann.note_html},
            {"type": "TextualBody", "purpose": "classifying", "format": "text/plain", "value": ann.relation},
        ]
        body += [{"type": "TextualBody", "purpose": "tagging", "format": "text/plain", "value": t}
                 for t in ann.topics]
        targets = []
        for p in ann.passages:
            targets.append({
                "type": "SpecificResource",
                "source": text_url(base, p.source),
                "selector": [
                    {"type": "FragmentSelector", "conformsTo": HTML_FRAGMENT, "value": p.block},
                    {"type": "TextQuoteSelector", "exact": p.exact, "prefix": p.before, "suffix": p.after},
                ],
            })
        items.append({
            "id": f"{base}xrefs/#x-{ann.id}",
            "type": "Annotation",
            "motivation": "linking" if len(ann.sources) > 1 else "commenting",
            "created": created,
            "creator": creator,
            "rights": ed.meta.get("licences", {}).get("annotations_url", ""),
            "label": ann.title,
            "body": body,
            "target": targets,
        })
    return {
        "@context": CONTEXT,
        "id": f"{base}annotations.jsonld",
        "type": "AnnotationCollection",
        "label": f"Cross-references and editorial notes of {ed.meta.get('title', 'the edition')}",
        "total": len(items),
        "first": {"id": f"{base}annotations.jsonld#page1", "type": "AnnotationPage", "startIndex": 0,
                  "items": items},
    }
