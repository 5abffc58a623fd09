"""What each built-in reader reads, declared without importing it.

The registry (`mtqa.readers`) iterates these declarations: a file's extension names a format,
and the format's module is imported when a file needs it, so a run over Markdown never loads the
XML, PO or table readers. This is the one place a built-in format's name, extensions and folder
discovery are stated; the reader class in its module names the format it implements.
"""

from __future__ import annotations

from typing import NamedTuple


class Format(NamedTuple):
    name: str  # `--format NAME`, and `Document.format` of what the reader reads
    module: str  # mtqa.readers.<module> defines the reader and registers it
    extensions: tuple[str, ...] = ()  # lower case, with the dot; () for a variant named only
    discovered: bool = True  # whether a folder walk picks the files up (.csv is also data)


FORMATS: tuple[Format, ...] = (
    # Not .mdx: its import lines and JSX would read as prose.
    Format("markdown", "markdown", (".md", ".markdown", ".mdown", ".mkd", ".mkdn")),
    Format("po", "po", (".po", ".pot")),
    # Folders hold CSV and TSV files of every kind (glossaries, data): tables are read only
    # when named on the command line.
    Format("tsv", "tables", (".tsv",), discovered=False),
    Format("csv", "tables", (".csv",), discovered=False),
    Format("docx", "docx", (".docx", ".docm", ".dotx")),
    Format("text", "text", (".txt", ".text")),
    Format("tmx", "tmx", (".tmx",)),
    Format("tmx+keep-approved", "tmx"),
    Format("xliff", "xliff", (".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".txlf")),
    Format("xliff+keep-approved", "xliff"),
)
