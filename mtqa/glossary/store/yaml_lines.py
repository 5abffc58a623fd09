"""YAML with a line for each mapping and key, for glossary messages that name file:line.

PyYAML (with libyaml where it was built with it) composes the nodes; mappings come back as
dicts that remember their keys' lines. A module of its own, imported when a YAML glossary is
parsed: a run whose glossary comes from the cache never loads PyYAML (its import alone took
longer than reading a ten-rule glossary).
"""

from __future__ import annotations

import re

import yaml

from ...errors import GlossaryError, GlossaryProblem


def _fail(path: str, line: int | None, message: str) -> GlossaryError:
    return GlossaryError([GlossaryProblem(path, line, message)])


class _LineDict(dict):
    """A mapping that remembers the line of each key (1-based)."""

    line: int = 0
    key_lines: dict


# libyaml's parser where PyYAML was built with it (the PyPI wheels are): ten times faster on a
# 10,000-entry glossary, with the same node marks for line numbers.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    # The parser asks the resolver for every node's tag: a million calls for a large
    # glossary. This loader has no path resolvers (PyYAML's are off unless added), so the
    # path bookkeeping is skipped, and a plain scalar is tried against the implicit resolvers
    # of its first character (with the wildcard ones), as Resolver.resolve does.
    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0]:
                table = self.yaml_implicit_resolvers
                for tag, regexp in table.get(value[:1], []) + table.get(None, []):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        if kind is yaml.SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG


_STR = yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG
_SEQ = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG


def _construct_value(loader: _LineLoader, node: yaml.Node):
    """construct_object, with a short cut for what a large glossary is made of: a string
    scalar is its value (as SafeConstructor.construct_yaml_str returns it), a list of string
    scalars the list of their values. Everything else (numbers, booleans, dates, mappings,
    aliases of them, recursive nodes) goes through PyYAML's own construction."""
    if node.tag == _STR and type(node) is yaml.ScalarNode:
        return node.value
    if node.tag == _SEQ and type(node) is yaml.SequenceNode:
        items = node.value
        if all(item.tag == _STR and type(item) is yaml.ScalarNode for item in items):
            return [item.value for item in items]
    return loader.construct_object(node, deep=True)


# The key tags flatten_mapping acts on (merge keys, `=`); a mapping without them is left as
# it is, so the walk over its keys is skipped.
_FLATTENED = ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LineDict:
    if any(key_node.tag in _FLATTENED for key_node, _ in node.value):
        loader.flatten_mapping(node)
    d = _LineDict()
    d.line = node.start_mark.line + 1
    d.key_lines = {}
    for key_node, value_node in node.value:
        key = _construct_value(loader, key_node)
        if not isinstance(key, str | int | float | bool):
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain value", key_node.start_mark
            )
        d[key] = _construct_value(loader, value_node)
        d.key_lines[key] = key_node.start_mark.line + 1
    return d


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


# Where an anchor (`&name`) may start: only a document with one can hold an alias (`*name`).
# A `&` inside a scalar matches too; it only costs the count below.
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s]")


# What aliases may add, once expanded, to the values written in the file: merge keys of shared
# defaults (`<<: *base`) in every entry stay far below; nine levels of aliases of aliases (a
# kilobyte that expands to a billion values) do not.
MAX_EXPANSION = 2
MIN_EXPANDED = 100_000


def _refuse_alias_bombs(root: yaml.Node, path: str) -> None:
    """Refuse a document whose aliases, expanded, make far more values than it writes out.

    Anything that walks an expanded value (a message quoting it, a str() of it) costs its
    expanded size. That size is counted on the node graph, each node once (its size is the
    sum of its children's), so the count itself is linear in the file."""
    size: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in size and not children_done:
            continue  # an alias of a node already counted (or being counted: recursive)
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        else:
            size[key] = 1
            continue
        if children_done:
            size[key] = 1 + sum(size.get(id(c), 1) for c in children)
        else:
            size[key] = 1  # in progress: a recursive alias counts once
            stack.append((node, True))
            stack.extend((c, False) for c in children)
    expanded, written = size[id(root)], len(size)
    if expanded > max(MAX_EXPANSION * written, MIN_EXPANDED):
        raise _fail(
            path,
            None,
            f"YAML aliases (*name) expand {written} values to {expanded}: refused (an alias "
            "bomb?); write the values out",
        )


def load_yaml_document(text: str, path: str):
    try:
        if "&" not in text or not _ANCHOR.search(text):
            return yaml.load(text, Loader=_LineLoader)
        loader = _LineLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _refuse_alias_bombs(node, path)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise _fail(path, line, f"YAML syntax error: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise _fail(path, None, f"YAML error: {exc}") from None
