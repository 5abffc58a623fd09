"""An independent view of a Markdown document's structure, to judge mtqa's fixes by.

mtqa reads Markdown with pulldown-cmark (pyromark); this module parses with markdown-it-py, a
different CommonMark implementation, so a fix that fools mtqa's own reader still shows here.
Everything that is not prose goes into the signature: node kinds and nesting, code spans and
blocks, HTML tags and the text of code-bearing elements, link and image targets, reference
definitions, template tags (Liquid, Hugo shortcodes, kramdown attribute lists), MkDocs and
markdown-it container openers, emoji shortcodes, and the number of lines. Text may change;
nothing else may.
"""

from __future__ import annotations

import re
from collections import defaultdict

_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_CODE_ELEMENT = re.compile(r"<(code|pre|kbd|samp|tt|var)\b[^>]*>.*?</\1>", re.S | re.I)
_TEMPLATE = re.compile(
    r"\{%.*?%\}|\{\{[<%].*?[>%]\}\}|\{\{.*?\}\}|\{:[^}\n]*\}|\{\s*#[\w-]+[^}\n]*\}", re.S
)
_EMOJI = re.compile(r"(?<![\w:]):[a-z0-9_+-]+:(?![\w:])")
_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*(\S+)", re.M)
_CONTAINER = re.compile(r"^ *(?:!!!|\?\?\?\+?|:::+|===)[ \t]*\S*", re.M)
_OPENER = re.compile(r"^( *)(?:!!!|\?\?\?\+?|===)\s")
_KEY = re.compile(r"^\s*([\w-]+)\s*[:=]")
PROSE_KEYS = {"title", "description", "summary", "subtitle", "excerpt", "abstract", "caption"}

_parser = None


def _md():
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.footnote import footnote_plugin
        from mdit_py_plugins.front_matter import front_matter_plugin

        _parser = (
            MarkdownIt("commonmark", {"html": True})
            .enable("table")
            .enable("strikethrough")
            .use(front_matter_plugin)
            .use(footnote_plugin)
        )
    return _parser


def _dedent_admonitions(text: str) -> str:
    out, bodies = [], []
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        while bodies and line.strip() and indent < bodies[-1] + 4:
            bodies.pop()
        shift = 4 * len(bodies)
        out.append(line[shift:] if line[:shift].strip() == "" else line)
        m = _OPENER.match(line)
        if m:
            bodies.append(indent)
    return "\n".join(out)


def _flat(tokens):
    for t in tokens:
        yield t
        if t.children:
            yield from _flat(t.children)


def signature(text: str) -> dict[str, list]:
    """Everything about a Markdown text that a prose fix must leave as it is."""
    sig: dict[str, list] = defaultdict(list)
    shape = sig["token shape"]
    for t in _flat(_md().parse(_dedent_admonitions(text))):
        if t.type in ("text", "softbreak"):
            if not shape or shape[-1] != "text":
                shape.append("text")
            continue
        shape.append(f"{t.type}:{t.tag}:{t.markup}:{t.info}")
        if t.type in ("code_inline", "fence", "code_block"):
            sig[t.type].append(t.content)
        if t.type == "front_matter":
            for line in t.content.split("\n"):
                m = _KEY.match(line)
                keep = m.group(0) if m and m.group(1).lower() in PROSE_KEYS else line
                sig["front matter"].append(keep)
        if t.type in ("html_block", "html_inline"):
            sig["html tags"].extend(_TAG.findall(t.content))
        for key in ("href", "src"):
            if t.attrs and key in t.attrs:
                sig[f"{t.type}.{key}"].append(t.attrs[key])
    sig["html code elements"] = [m.group(0) for m in _CODE_ELEMENT.finditer(text)]
    sig["template tags"] = _TEMPLATE.findall(text)
    sig["emoji shortcodes"] = _EMOJI.findall(text)
    sig["reference definitions"] = [m.group(0) for m in _DEFINITION.finditer(text)]
    sig["container openers"] = _CONTAINER.findall(text)
    sig["line count"] = [text.count("\n")]
    return dict(sig)


def differences(before: str, after: str) -> list[str]:
    """The names of the signature parts that differ (empty when the structure is the same)."""
    a, b = signature(before), signature(after)
    return [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]


def code_lines(text: str) -> set[int]:
    """1-based numbers of the lines inside fenced or indented code blocks."""
    lines: set[int] = set()
    for t in _md().parse(_dedent_admonitions(text)):
        if t.type in ("fence", "code_block") and t.map:
            lines.update(range(t.map[0] + 1, t.map[1] + 1))
    return lines
