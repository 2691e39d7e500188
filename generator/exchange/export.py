"""ProjectModel -> the bytes of a REFI-QDA project (.qdpx) or codebook (.qdc).

A .qdpx is a zip of `project.qde` (XML, urn:QDA-XML:project:1.0) and one UTF-8 text file per
interview in `sources/` (lower case, as the standard's section 8.1 names the folder). Everything
is deterministic: GUIDs from the model, no dates, entries in a fixed order with a fixed timestamp,
so the same inputs give the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree as ET

from generator.config import CodebookTheme
from generator.exchange.model import TOOL_USER, VARIABLE_HELP, VARIABLES, ProjectModel, code_description

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = "interview-report"
# Distinct and readable on a light or a dark background; a code keeps its colour while the codebook's order holds.
COLOURS = ("#1B9E77", "#D95F02", "#7570B3", "#E7298A", "#66A61E", "#E6AB02", "#A6761D", "#1F78B4", "#B2182B")
# Zip's epoch: an entry's time says nothing about the study, so every export can be byte-identical.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Characters XML 1.0 cannot carry, even escaped; a transcript may hold them (a stray form feed).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def qdpx(model: ProjectModel) -> bytes:
    """The .qdpx archive: project.qde first, then each interview's text in the report's order."""
    entries = [("project.qde", project_xml(model))]
    entries += [(f"sources/{model.guid('text', s.id)}.txt", s.text.text.encode("utf-8")) for s in model.sources]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, wherever it runs
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def project_xml(model: ProjectModel) -> bytes:
    tool = model.guid("user", TOOL_USER)
    root = _element("Project", PROJECT_NS, name=model.name, origin=ORIGIN, creatingUserGUID=tool)
    users = _child(root, "Users")
    for name in (TOOL_USER, *model.reviewers):
        _child(users, "User", guid=model.guid("user", name), name=name)
    _codes(_child(_child(root, "CodeBook"), "Codes"), model.codebook, model)
    variables = _child(root, "Variables")
    for name in VARIABLES:
        variable = _child(variables, "Variable", guid=model.guid("variable", name), name=name, typeOfVariable="Text")
        _child(variable, "Description").text = VARIABLE_HELP[name]
    cases = _child(root, "Cases")
    for source in model.sources:
        case = _child(cases, "Case", guid=model.guid("case", source.id), name=source.id)
        for name, value in source.values:
            holder = _child(case, "VariableValue")
            _child(holder, "VariableRef", targetGUID=model.guid("variable", name))
            _child(holder, "TextValue").text = _xml_text(value)
        _child(case, "SourceRef", targetGUID=model.guid("source", source.id))
    sources = _child(root, "Sources")
    for source in model.sources:
        element = _child(
            sources,
            "TextSource",
            guid=model.guid("source", source.id),
            name=source.id,
            plainTextPath=f"internal://{model.guid('text', source.id)}.txt",
            creatingUser=tool,
        )
        # One selection per coded sentence and coder, with a coding per theme, in the order the sentences
        # were said: the selection and its codings name one user, so a tool that reads who made a coding
        # from either finds the person who added it (a person's selection comes after the tool's).
        by_sentence: dict[tuple[int, int, str], list[str]] = {}
        for coding in source.codings:
            by_sentence.setdefault((coding.sentence.start, coding.sentence.end, coding.user), []).append(coding.slug)
        for (start, end, user), slugs in sorted(by_sentence.items(), key=lambda x: _said_order(*x[0])):
            by = model.guid("user", user)
            # The tool's selection keeps the GUID earlier exports gave it.
            identity = (source.id, start, end) if user == TOOL_USER else (source.id, start, end, user)
            selection = _child(
                element,
                "PlainTextSelection",
                guid=model.guid("selection", *identity),
                name=_xml_text(source.text.text[start:end]),
                startPosition=str(start),
                endPosition=str(end),
                creatingUser=by,
            )
            for slug in slugs:
                made = _child(
                    selection, "Coding", guid=model.guid("coding", source.id, start, end, slug), creatingUser=by
                )
                _child(made, "CodeRef", targetGUID=model.guid("code", slug))
    return _serialise(root)


def _said_order(start: int, end: int, user: str) -> tuple[int, int, bool, str]:
    return (start, end, user != TOOL_USER, user)


def codebook_xml(model: ProjectModel) -> bytes:
    """The .qdc file: the codebook alone (urn:QDA-XML:codebook:1.0), GUIDs as in the project."""
    root = _element("CodeBook", CODEBOOK_NS, origin=ORIGIN)
    _codes(_child(root, "Codes"), model.codebook, model)
    return _serialise(root)


def _codes(parent: ET.Element, codebook: tuple[CodebookTheme, ...], model: ProjectModel) -> None:
    for i, theme in enumerate(codebook):
        code = _child(
            parent,
            "Code",
            guid=model.guid("code", theme.slug),
            name=_xml_text(theme.label),
            isCodable="true",
            color=COLOURS[i % len(COLOURS)],
        )
        _child(code, "Description").text = _xml_text(code_description(theme))


def _element(tag: str, ns: str, **attributes: str) -> ET.Element:
    # The namespace as a plain attribute, the elements unqualified: ElementTree's `default_namespace`
    # refuses the (unqualified) attributes every REFI-QDA element has.
    return ET.Element(tag, {"xmlns": ns, **attributes})


def _child(parent: ET.Element, tag: str, **attributes: str) -> ET.Element:
    return ET.SubElement(parent, tag, attributes)


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _xml_text(value: str) -> str:
    return _NOT_XML.sub("", value)
