#!/usr/bin/env python3
"""Makes `Error`'s context fields `Cow<'static, str>` (issue 13 §6).

Error contexts were `&'static str`, so a ColumnTransformer that wanted to name
its failing step in an error had to leak the string. This script makes the
change mechanically, so that it can be re-run after merging branches that add
new errors:

1. In src/error.rs, the `context` field of every variant and the `estimator`
   field of `InvalidParameter` become `Cow<'static, str>`, and the
   constructors `Error::invalid_parameter` / `Error::invalid_input` take
   `impl Into<Cow<'static, str>>` (a `&'static str` or a `String`).
2. Everywhere else (src, tests, benches, examples, fuzz), in every
   `Error::Variant { ... }` struct literal:
   - built (an expression): `context: X` becomes `context: X.into()` (or
     `(X).into()` for a compound X), and the shorthand `context` becomes
     `context: context.into()`; the same for `estimator` in
     `InvalidParameter`;
   - matched (a pattern): `context: "literal"` becomes
     `context: std::borrow::Cow::Borrowed("literal")` (a string literal is not
     a pattern for a `Cow`; contexts built from a `&'static str` are
     `Borrowed`). Bindings (`context`, `context: inner`) are left alone.

A shorthand in the body of a match arm (`... => Error::V { context, .. }`)
is left alone: the arm's pattern bound `context`, already a `Cow`.

Idempotent: values already ending in `.into()` or naming `Cow` are left alone,
and error.rs is only rewritten where it still says `&'static str`.

Run from the repository root: `python3 tools/cow_contexts.py`, then
`cargo fmt --all` and `cargo check --all-targets`. It prints the files it
changed. Patterns it cannot tell from expressions are reported for a look
by hand (there were none when it was written).
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DIRS = ["src", "tests", "benches", "examples", "fuzz"]

# Variants with a `context` field, and the one with `estimator` instead.
CONTEXT_VARIANTS = {
    "ShapeMismatch",
    "FeatureCountMismatch",
    "EmptyInput",
    "NonFinite",
    "SingleClass",
    "UnknownCategory",
    "InvalidInput",
    "NotConverged",
    "TooLarge",
}
FIELD_OF = {v: "context" for v in CONTEXT_VARIANTS}
FIELD_OF["InvalidParameter"] = "estimator"

LITERAL = re.compile(r'^"(?:[^"\\]|\\.)*"$')


def matching(text, open_at):
    """Index of the bracket closing the one at `open_at` (skipping strings,
    chars and comments)."""
    pairs = {"{": "}", "(": ")", "[": "]"}
    stack = [pairs[text[open_at]]]
    i = open_at + 1
    while i < len(text):
        c = text[i]
        if c == '"':
            i += 1
            while text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c == "'" and re.match(r"'(\\.|[^\\'])'", text[i : i + 4]):
            i = text.index("'", i + 2)
        elif text.startswith("//", i):
            i = text.index("\n", i)
        elif c in pairs:
            stack.append(pairs[c])
        elif c in ")]}":
            if c != stack.pop():
                raise ValueError(f"unbalanced {c!r} at {i}")
            if not stack:
                return i
        i += 1
    raise ValueError("unclosed bracket")


def split_fields(body):
    """The top-level comma-separated fields of a struct literal's body, as
    (start, end) offsets into `body`, comments excluded from nothing (a
    field is the text between top-level commas)."""
    fields, depth, start, i = [], 0, 0, 0
    while i < len(body):
        c = body[i]
        if c == '"':
            i += 1
            while body[i] != '"':
                i += 2 if body[i] == "\\" else 1
        elif c == "'" and re.match(r"'(\\.|[^\\'])'", body[i : i + 4]):
            i = body.index("'", i + 2)
        elif body.startswith("//", i):
            i = body.index("\n", i)
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            fields.append((start, i))
            start = i + 1
        i += 1
    if body[start:].strip():
        fields.append((start, len(body)))
    return fields


def is_pattern(text, start, body, close):
    """Whether the struct literal `Error::V { body }` (from `start` to the
    brace at `close`) is a pattern rather than an expression."""
    if any(f.strip() == ".." for f in (body[a:b] for a, b in split_fields(body))):
        return True
    after = text[close + 1 : close + 200]
    after = re.sub(r"^(\s*\))*", "", after)
    if re.match(r"\s*(=>|\|(?!\|)|if\b|=(?![=>])|else\b)", after):
        return True
    before = text[max(0, start - 200) : start]
    if re.search(r"(\blet|matches!\(\s*[^,;]+,)\s*(\w+\(\s*)*(&\s*)?(\w+::)*$", before):
        return True
    return False


def rewrite_field(field, name, pattern, rebuilt=False):
    """The field text rewritten, or None if unchanged. `rebuilt`: the
    literal is the body of a match arm whose pattern bound the field already
    (a `Cow`), so a shorthand needs no conversion."""
    m = re.match(r"^(\s*(?://[^\n]*\n\s*)*)" + name + r"\b(\s*:\s*)?(.*?)(\s*)$", field, re.S)
    if not m:
        return None
    lead, colon, value, trail = m.groups()
    if pattern:
        if colon and LITERAL.match(value):
            return f"{lead}{name}{colon}std::borrow::Cow::Borrowed({value}){trail}"
        return None
    if not colon:
        return None if rebuilt else f"{lead}{name}: {name}.into(){trail}"
    if value.endswith(".into()") or "Cow" in value:
        return None
    simple = re.match(r'^(&?[\w:.]+(\([^()]*\))?|"(?:[^"\\]|\\.)*"|[\w:]+!\(.*\))$', value, re.S)
    new = f"{value}.into()" if simple else f"({value}).into()"
    return f"{lead}{name}{colon}{new}{trail}"


def rewrite_uses(text):
    """Rewrites every `Error::Variant { .. }` literal in `text`."""
    out, pos, changed = [], 0, False
    for m in re.finditer(r"\bError::(\w+)\s*\{", text):
        variant = m.group(1)
        if variant not in FIELD_OF or m.start() < pos:
            continue
        open_at = m.end() - 1
        close = matching(text, open_at)
        body = text[open_at + 1 : close]
        pattern = is_pattern(text, m.start(), body, close)
        name = FIELD_OF[variant]
        # `Error::V { context, .. } => Error::V { context, .. }`: the arm's
        # pattern bound `context` (already a Cow).
        rebuilt = re.search(r"=>\s*(\w+\(\s*)*(\w+::)*$", text[max(0, m.start() - 200) : m.start()]) is not None
        pieces, last = [], 0
        for a, b in split_fields(body):
            new = rewrite_field(body[a:b], name, pattern, rebuilt)
            if new is not None:
                pieces += [body[last:a], new]
                last = b
        if pieces:
            pieces.append(body[last:])
            out += [text[pos : open_at + 1], "".join(pieces), "}"]
            pos = close + 1
            changed = True
    out.append(text[pos:])
    return "".join(out), changed


def rewrite_error_rs(text):
    """The type change in src/error.rs."""
    new = text
    if "use std::borrow::Cow;" not in new:
        new = new.replace("use std::fmt::", "use std::borrow::Cow;\nuse std::fmt::", 1)
    enum_start = new.index("pub enum Error {")
    enum_end = matching(new, new.index("{", enum_start))
    enum = new[enum_start:enum_end]
    enum = re.sub(r"(\bcontext: )&'static str,", r"\1Cow<'static, str>,", enum)
    enum = re.sub(r"(\bestimator: )&'static str,", r"\1Cow<'static, str>,", enum)
    new = new[:enum_start] + enum + new[enum_end:]
    new = new.replace(
        "pub fn invalid_parameter(\n        estimator: &'static str,",
        "pub fn invalid_parameter(\n        estimator: impl Into<Cow<'static, str>>,",
    )
    new = new.replace(
        "pub fn invalid_input(context: &'static str, message: impl Into<String>) -> Self {",
        "pub fn invalid_input(context: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {",
    )
    return new


def main():
    changed = []
    for d in DIRS:
        for path in sorted((ROOT / d).rglob("*.rs")):
            if "target" in path.parts:
                continue
            text = path.read_text()
            new = text
            if path == ROOT / "src" / "error.rs":
                new = rewrite_error_rs(new)
            new, _ = rewrite_uses(new)
            if new != text:
                path.write_text(new)
                changed.append(str(path.relative_to(ROOT)))
    for c in changed:
        print(c)
    return 0


if __name__ == "__main__":
    sys.exit(main())
