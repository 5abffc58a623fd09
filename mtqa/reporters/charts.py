"""Small inline SVG charts for the HTML reports (no script, no external file, prints well).

Text placed in the SVG is escaped here: labels come from documents and are untrusted.
"""

from __future__ import annotations

from html import escape


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(items: list[tuple[str, int]], title: str, width: int = 560) -> str:
    """Horizontal bars, one per (label, value), largest first."""
    items = sorted(items, key=lambda kv: (-kv[1], kv[0]))[:30]
    if not items:
        return ""
    row, label_w = 20, 210
    top = max(v for _, v in items) or 1
    height = row * len(items) + 10
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(items):
        y = 2 + i * row
        w = max(2, int((width - label_w - 50) * value / top))
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" font-size="12">'
            f"{escape(_short(label, 28))}</text>"
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row - 8}" fill="#4a78b5">'
            f"<title>{escape(label)}: {value}</title></rect>"
        )
        parts.append(f'<text x="{label_w + w + 4}" y="{y + 14}" font-size="12">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


_COLUMN_CHARS = 60
_LEGEND_W = 480


def _legend(y: int, top: int) -> str:
    """Under the matrix: what a shade means, from one use to the most."""
    steps = sorted({1, (top + 1) // 2, top})
    out = [f'<text x="0" y="{y + 12}" font-size="11">Uses in an article:</text>']
    x = 120
    for v in steps:
        shade = 0.25 + 0.75 * v / top
        out.append(
            f'<rect x="{x}" y="{y}" width="16" height="16" fill="#c0392b" '
            f'fill-opacity="{shade:.2f}"/><text x="{x + 20}" y="{y + 12}" font-size="11">{v}</text>'
        )
        x += 50
    out.append(
        f'<text x="{x + 10}" y="{y + 12}" font-size="11">bold row: the preferred form</text>'
    )
    return "".join(out)


def matrix_chart(
    rows: list[str],
    columns: list[str],
    values: dict[tuple[int, int], int],
    row_groups: list[tuple[str, int, bool]] | None = None,
    title: str = "",
) -> str:
    """A rows x columns matrix of counts (variants x articles); darker cells, more uses.

    `row_groups` is (label, number of rows, first row is the preferred form) per group, drawn
    as a band on the left so the variants of one entity read together.
    """
    if not rows or not columns:
        return ""
    cell, label_w = 22, 240
    # Column names in full, rotated: the header is as tall as the longest needs (about 6.5
    # px a character at 11 px, times sin 60°), so no two names are cut to the same prefix.
    longest = max(len(_short(c, _COLUMN_CHARS)) for c in columns)
    head_h = int(longest * 6.5 * 0.87) + 16
    # Wide enough for the rotated names' overhang and for the legend under the matrix.
    width = max(label_w + cell * len(columns) + int(longest * 6.5 * 0.5) + 20, _LEGEND_W)
    legend_h = 30
    height = head_h + cell * len(rows) + 10 + legend_h
    top = max(values.values(), default=1) or 1
    parts = [
        f'<svg class="chart matrix" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" width="{min(width, 1400)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for j, col in enumerate(columns):
        x = label_w + j * cell + cell / 2
        parts.append(
            f'<text transform="translate({x + 4},{head_h - 6}) rotate(-60)" font-size="11">'
            f"{escape(_short(col, _COLUMN_CHARS))}<title>{escape(col)}</title></text>"
        )
    parts.append(_legend(head_h + cell * len(rows) + 14, top))
    preferred_rows = set()
    if row_groups:
        r = 0
        for g, (_, n, first_preferred) in enumerate(row_groups):
            if first_preferred:
                preferred_rows.add(r)
            if g % 2 == 0:
                parts.append(
                    f'<rect x="0" y="{head_h + r * cell}" width="{width}" height="{n * cell}" '
                    f'fill="#f3f5f9"/>'
                )
            r += n
    for i, label in enumerate(rows):
        y = head_h + i * cell
        weight = ' font-weight="bold"' if i in preferred_rows else ""
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12"{weight}>'
            f"{escape(_short(label, 34))}<title>{escape(label)}</title></text>"
        )
        for j in range(len(columns)):
            v = values.get((i, j), 0)
            if not v:
                continue
            shade = 0.25 + 0.75 * v / top
            parts.append(
                f'<rect x="{label_w + j * cell + 2}" y="{y + 2}" width="{cell - 4}" '
                f'height="{cell - 4}" fill="#c0392b" fill-opacity="{shade:.2f}">'
                f"<title>{escape(label)} in {escape(columns[j])}: {v}</title></rect>"
            )
    parts.append("</svg>")
    return "".join(parts)
