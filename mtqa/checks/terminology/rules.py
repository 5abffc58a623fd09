"""The four terminology rules: their codes, documentation and examples."""

from __future__ import annotations

from ...findings import Severity
from ..base import Rule, RuleExample

TERM_VARIANT = Rule(
    code="TERM001",
    name="glossary-variant",
    summary="Flags a form that the glossary lists as a variant, and suggests the preferred term.",
    why="Readers and indexes need one term for one concept and one spelling for each place, "
    "organisation and person; the glossary records which one.",
    severity=Severity.WARNING,
    fix="always",
    fix_safety="Safe when the glossary entry says so and, where the entry limits it to a context "
    "(`context.safe_near`), one of those words is in the match's sentence; otherwise unsafe. Never applied in a "
    "References section or a citation, where titles are cited as published.",
    examples=(
        RuleExample(
            "The US military existence in Iraq.", fixed="The US military presence in Iraq."
        ),
        RuleExample("Troops left an existence of bases.", fixed="Troops left a presence of bases."),
        RuleExample("The military presence in Iraq.", flagged=False),
    ),
    uses_glossary=True,
    target_language_only=True,
)

TERM_CASE = Rule(
    code="TERM002",
    name="glossary-case",
    summary="Flags a correct form written in another case, for entries marked `case_sensitive`.",
    why="Proper names have one spelling, capitals included (Strategic Framework Agreement).",
    severity=Severity.INFO,
    fix="always",
    fix_safety="Safe: only the case of the letters changes.",
    examples=(
        RuleExample(
            "They signed the strategic framework agreement.",
            fixed="They signed the Strategic Framework Agreement.",
        ),
        RuleExample("They signed the Strategic Framework Agreement.", flagged=False),
    ),
    uses_glossary=True,
    target_language_only=True,
)

TERM_DISCOVERED = Rule(
    code="TERM003",
    name="glossary-unlisted-variant",
    summary="Flags a spelling of a glossary name that the glossary does not list, found by its "
    "transliteration key (Ayn/Ain/Ein, al-/el-, Asad/Assad, q/k, doubled letters, ...).",
    why="No glossary lists every spelling a translator invents; one entity must have one "
    "spelling all the same.",
    severity=Severity.WARNING,
    fix="always",
    fix_safety="Unsafe: the match is inferred, so a reviewer confirms it is the same entity.",
    examples=(
        RuleExample(
            "Rockets hit Ayn al-Asad on Monday.", fixed="Rockets hit Ain al-Asad on Monday."
        ),
        RuleExample("They met at Al-Qayara.", fixed="They met at Qayyarah."),
        RuleExample("Bashar al-Assad spoke on Monday.", flagged=False),
        RuleExample("Ain al-Asad Air Base was hit.", flagged=False),
    ),
    uses_glossary=True,
    target_language_only=True,
)

TERM_MIXED = Rule(
    code="TERM004",
    name="mixed-forms",
    summary="Says once per document when one entity is written in more than one form, with "
    "every form and its count: a glossary entity (listed or discovered variants beside the "
    "preferred form), or a proper name no glossary lists, grouped by transliteration key "
    "(Abu Mahdi al-Muhandis / al-Mohandes). Names that merely look alike stay apart.",
    why="An article that spells one base three ways reads as if it spoke of three bases, and "
    "no glossary lists every name a translator meets.",
    severity=Severity.INFO,
    fix="sometimes",
    fix_safety="For a glossary entity, no fix of its own: the forms' TERM001/TERM003 findings "
    "carry the fixes. For a name no glossary lists, an unsafe fix that writes every occurrence "
    "in the majority form: the translator chooses the spelling.",
    examples=(
        RuleExample("Troops at Ain al-Asad and at Ein Al-Asaad stayed."),
        RuleExample("Troops at Ein Al-Asaad and at Ein Al-Asaad stayed.", flagged=False),
        RuleExample(
            "Abu Mahdi al-Muhandis spoke. Later Abu Mahdi al-Muhandis left. "
            "Abu Mahdi al-Mohandes returned.",
            fixed="Abu Mahdi al-Muhandis spoke. Later Abu Mahdi al-Muhandis left. "
            "Abu Mahdi al-Muhandis returned.",
        ),
        RuleExample("Bashar al-Assad never visited Ain Alasad.", flagged=False),
    ),
    uses_glossary=True,
    target_language_only=True,
)

RULES = (TERM_VARIANT, TERM_CASE, TERM_DISCOVERED, TERM_MIXED)
