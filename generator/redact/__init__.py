"""Redact: Transcripts -> Transcripts with identifying details replaced, before anything else sees them.

Runs between ingest and analysis, so every later stage (quotes, summaries, word clouds,
search index, exports, share cards) only ever holds redacted text.

Detectors read a normalised copy of the text (normalise.py), so look-alike and invisible
characters cannot split an identifier; the replacement covers the original span.

- E-mail addresses, plain or spelled out ("jane dot doe at outlook dot com"), and URLs (contacts.py).
- Phone numbers: Google's libphonenumber (`phonenumbers`), also inside runs of other numbers (phones.py).
- Postal addresses: `pyap2` for US, Canadian and UK street addresses; PO boxes; UK postcodes (addresses.py).
- Names, organisations and other terms the researcher lists, and their parts (listed.py).
- People's names nobody listed: a title and a name, or a first name and a surname from Faker's
  name data (people.py).

A value gets the same marker throughout one interview (`[NAME-1]` each time a person is
mentioned, by full name or by a part of it); existing `[REDACTED]`-style markers are kept.
Ids and file names that hold an identifier are refused at ingest's end (sources.py).
"""

from generator.models import RedactionSummary
from generator.redact.cache import REDACTION_VERSION, redact_transcripts
from generator.redact.redactor import LABELS, MARKER, Redactor
from generator.redact.sources import refuse_identifying_names, skipped_inputs

__all__ = [
    "LABELS",
    "MARKER",
    "REDACTION_VERSION",
    "Redactor",
    "RedactionSummary",
    "redact_transcripts",
    "refuse_identifying_names",
    "skipped_inputs",
]
