"""`make source FILE=…`: a union text (PDF, DOCX, ODT, HTML, Markdown, plain text) into the site.

Data flows one way: a reader (readers.py) turns the file into pages of blocks; the layout
rules (layout.py) remove page numbers, running headers and footers, line-end hyphenation and
repeated blocks; contacts.py removes phone numbers and e-mail addresses; passages.py numbers
one passage per block; outputs.py writes the source page, its pending English twin, the
bibliography entry, the Organisations entries and the nav line; report.py says what was done
and what the author must check. command.py ties them together and writes nothing unless every
step succeeded.
"""

from .command import Options, Plan, apply, plan
from .model import IngestError

__all__ = ["IngestError", "Options", "Plan", "apply", "plan"]
