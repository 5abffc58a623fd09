from __future__ import annotations

import pytest

from .tsv_reader import ensure_registered

GLOSSARY_YAML = """\
name: mt-test
language: {source: ar, target: en}
entries:
- id: presence
  preferred: presence
  variants: [existence]
  source: [وجود]
  fix: unsafe
- id: ain-al-asad
  preferred: Ain al-Asad
  variants: [Ayn al-Asad]
  category: name
  source: [عين الأسد]
  fix: unsafe
"""


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory):
    """A trained tiny Marian model folder (built once per test session, about 10 s)."""
    pytest.importorskip("torch", reason="the mt extra (torch) is not installed")
    pytest.importorskip("transformers", reason="the mt extra (transformers) is not installed")
    pytest.importorskip("sentencepiece", reason="the mt extra (sentencepiece) is not installed")
    from .tiny_model import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("tiny-marian"))


@pytest.fixture(scope="session")
def translator(tiny_model):
    from mtqa.mt.hf import TransformersTranslator

    return TransformersTranslator(str(tiny_model), device="cpu")


@pytest.fixture
def mt_glossary(tmp_path):
    from mtqa.glossary import load_glossary

    path = tmp_path / "terms.yaml"
    path.write_text(GLOSSARY_YAML, encoding="utf-8")
    return load_glossary(path)


@pytest.fixture(autouse=True, scope="session")
def _bitsv_reader():
    ensure_registered()
