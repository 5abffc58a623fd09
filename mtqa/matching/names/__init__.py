"""Names in running text and their spellings across transliterations.

`translit` makes a name's transliteration key (Ayn/Ain/Ein, al-/el-, Asad/Assad, ...); `finder`
looks a name up among every spelling a glossary knows (`finder_cache` stores its index for a
large glossary); `spans` finds where names are in a text and `scan` says what each one is;
`groups` joins the forms that are one name; `verbs` tells a noun entry's word used as a verb.
"""
