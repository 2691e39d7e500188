"""A .qdpx or .qdc file written by any QDA tool -> ImportedProject, as the tool wrote it.

Lenient where the tools differ (the folder `sources` or `Sources`, a BOM, CRLF line breaks, text
inside the XML instead of a file, GUIDs in braces or upper case, codes nested in categories, a
coding's user on the coding or on its selection), strict where nothing can be read: a file that is
not a zip, has no project.qde, or is not well-formed XML is refused with one line naming it.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET

from generator.errors import ReportError

_REEXPORT = "export it again from your QDA tool"


@dataclass(frozen=True)
class ImportedCode:
    guid: str
    name: str
    description: str


@dataclass(frozen=True)
class ImportedCoding:
    code: str  # the code's GUID
    user: str | None  # the GUID of the user who made it, where the tool says
    created: str | None  # creationDateTime as written


@dataclass(frozen=True)
class ImportedSelection:
    guid: str
    start: int
    end: int
    # The selected text as the tool names the selection (QualCoder, ATLAS.ti and others write it).
    name: str | None
    codings: tuple[ImportedCoding, ...]


@dataclass(frozen=True)
class ImportedSource:
    guid: str
    name: str
    # The text with BOM removed and line breaks as the tool wrote them; None when it cannot be read.
    text: str | None
    problem: str | None
    selections: tuple[ImportedSelection, ...]
    # Codings of the whole source rather than of a selection.
    whole: tuple[ImportedCoding, ...] = ()


@dataclass(frozen=True)
class ImportedCase:
    guid: str
    name: str
    values: tuple[tuple[str, str], ...]  # (variable's name, value as text)
    sources: tuple[str, ...]  # GUIDs of the sources the case refers to


@dataclass(frozen=True)
class ImportedProject:
    path: Path
    origin: str
    users: Mapping[str, str]  # GUID -> name
    codes: tuple[ImportedCode, ...]
    sources: tuple[ImportedSource, ...]
    cases: tuple[ImportedCase, ...] = ()
    modifying_user: str | None = None
    modified: str | None = None


def guid(value: str | None) -> str:
    """A GUID as compared: without braces, lower case (tools write both forms)."""
    return (value or "").strip().strip("{}").lower()


def read_project(path: Path) -> ImportedProject:
    """Every user, code, text source, selection, coding and case of a .qdpx file."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ReportError(f"{path}: is not a .qdpx project (not a zip archive); {_REEXPORT}") from None
    with archive:
        names = {n.lower(): n for n in archive.namelist()}
        qde = names.get("project.qde") or next((n for low, n in names.items() if low.endswith(".qde")), None)
        if qde is None:
            raise ReportError(f"{path}: has no project.qde inside; {_REEXPORT} as a REFI-QDA project (.qdpx)")
        root = _parse(archive.read(qde), path, f"{qde} ")
        ns = _namespace(root, "project", path)
        q = _Names(ns)
        users = {guid(u.get("guid")): u.get("name") or u.get("id") or "" for u in root.iter(q("User"))}
        codes = tuple(_codes(root.find(q("CodeBook")), q))
        sources = []
        for element in root.iter(q("TextSource")):
            text, problem = _source_text(element, archive, names, q)
            selections = tuple(
                ImportedSelection(
                    guid(s.get("guid")),
                    _int(s.get("startPosition")),
                    _int(s.get("endPosition")),
                    s.get("name"),
                    tuple(_codings(s, q, s.get("creatingUser") or s.get("modifyingUser"), s.get("creationDateTime"))),
                )
                for s in element.findall(q("PlainTextSelection"))
            )
            whole = tuple(_codings(element, q, element.get("creatingUser"), element.get("creationDateTime")))
            sources.append(
                ImportedSource(guid(element.get("guid")), element.get("name") or "", text, problem, selections, whole)
            )
        variables = {guid(v.get("guid")): v.get("name") or "" for v in root.iter(q("Variable"))}
        cases = tuple(_case(c, q, variables) for c in root.iter(q("Case")))
    return ImportedProject(
        path,
        root.get("origin") or "an unnamed QDA tool",
        users,
        codes,
        tuple(sources),
        cases,
        guid(root.get("modifyingUserGUID")) or None,
        root.get("modifiedDateTime"),
    )


def read_codebook(path: Path) -> tuple[str, tuple[ImportedCode, ...]]:
    """The origin and every code of a .qdc codebook file."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ReportError(f"{path}: is a folder; give the .qdc file") from None
    root = _parse(data, path, "")
    q = _Names(_namespace(root, "codebook", path))
    return root.get("origin") or "an unnamed QDA tool", tuple(_codes(root, q))


class _Names:
    """Qualified tag names in the file's own namespace."""

    def __init__(self, ns: str) -> None:
        self.ns = ns

    def __call__(self, tag: str) -> str:
        return f"{{{self.ns}}}{tag}" if self.ns else tag


def _parse(data: bytes, path: Path, inside: str) -> ET.Element:
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:
        line = e.position[0]
        raise ReportError(f"{path}: {inside}line {line}: not well-formed XML ({e}); {_REEXPORT}") from None


def _namespace(root: ET.Element, kind: str, path: Path) -> str:
    """The root's namespace, if it is a REFI-QDA project or codebook (any version of it)."""
    ns, _, tag = root.tag[1:].partition("}") if root.tag.startswith("{") else ("", "", root.tag)
    wanted = "Project" if kind == "project" else "CodeBook"
    if tag != wanted or (ns and not ns.startswith(f"urn:QDA-XML:{kind}:")):
        raise ReportError(
            f"{path}: is not a REFI-QDA {kind} (its root element is {tag!r} in {ns or 'no namespace'!r}, "
            f"not {wanted!r} in 'urn:QDA-XML:{kind}:1.0'); {_REEXPORT}"
        )
    return ns


def _codes(parent: ET.Element | None, q: _Names) -> list[ImportedCode]:
    """Every code, at any depth (tools nest codes in categories)."""
    if parent is None:
        return []
    out = []
    for code in parent.iter(q("Code")):
        description = code.find(q("Description"))
        out.append(ImportedCode(guid(code.get("guid")), code.get("name") or "", _text(description)))
    return out


def _codings(parent: ET.Element, q: _Names, user: str | None, created: str | None) -> list[ImportedCoding]:
    out = []
    for coding in parent.findall(q("Coding")):
        ref = coding.find(q("CodeRef"))
        if ref is None:
            continue
        out.append(
            ImportedCoding(
                guid(ref.get("targetGUID")),
                guid(coding.get("creatingUser") or user) or None,
                coding.get("creationDateTime") or created,
            )
        )
    return out


def _case(case: ET.Element, q: _Names, variables: Mapping[str, str]) -> ImportedCase:
    values = []
    for holder in case.findall(q("VariableValue")):
        ref = holder.find(q("VariableRef"))
        if ref is not None and guid(ref.get("targetGUID")) in variables:
            values.append((variables[guid(ref.get("targetGUID"))], _value(holder)))
    sources = tuple(guid(s.get("targetGUID")) for s in case.findall(q("SourceRef")))
    return ImportedCase(guid(case.get("guid")), case.get("name") or "", tuple(values), sources)


def _value(holder: ET.Element) -> str:
    """A variable's value as text, whatever its type."""
    for child in holder:
        if not child.tag.endswith("VariableRef"):
            return _text(child)
    return ""


def _source_text(
    element: ET.Element, archive: zipfile.ZipFile, names: dict[str, str], q: _Names
) -> tuple[str | None, str | None]:
    inline = element.find(q("PlainTextContent"))
    if inline is not None:
        return _text(inline), None
    target = element.get("plainTextPath") or ""
    if not target.startswith("internal://"):
        return None, f"its text is outside the project file ({target or 'no plainTextPath'})"
    file = PurePosixPath(target.removeprefix("internal://").lstrip("/")).name
    member = names.get(f"sources/{file}".lower())
    if member is None:
        return None, f"its text file sources/{file} is missing from the project file"
    data = archive.read(member)
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), None
    except UnicodeDecodeError as e:
        return None, f"its text file sources/{file} is not UTF-8 (byte {e.start}), as the standard requires"


def _text(element: ET.Element | None) -> str:
    return "".join(element.itertext()) if element is not None else ""


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return -1  # placed nowhere; the import lists it


def date_of(value: str | None) -> str | None:
    """The date of an xsd:dateTime (a project's or a coding's), if it is one."""
    try:
        return dt.date.fromisoformat((value or "")[:10]).isoformat()
    except ValueError:
        return None
