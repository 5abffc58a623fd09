"""Jinja2 rendering for the HTML reports, with autoescaping on: document text is untrusted."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("mtqa.reporters", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def render_template(template: str, **context) -> str:
    return _environment().get_template(template).render(**context)
