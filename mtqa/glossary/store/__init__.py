"""How a glossary is kept: the storage and speed machinery behind the model (model.py).

Entries are kept as rows of plain values (rows.py), made by validation's fast lane (plain.py)
or from validated entries, read back from the cache (cache.py) and decoded into Entry objects
only when used. Nothing outside this package knows what a row holds where: the term matcher
asks for a key table (keys.py), and the glossary hash for every entry's mapping (`as_data`, the
model's `KeptAsData`).
"""
