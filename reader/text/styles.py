"""Span styles without colour, for NO_COLOR and monochrome terminals.

Rich style strings, used by the app and (as SGR codes) by ``sahifa cat``. Each
is a different mix of reverse, bold, underline and italic, so keywords, matches
and the current match stay distinguishable with no colour at all.
"""

MONO_STYLES = {
    "kw0": "reverse",
    "kw1": "bold underline",
    "kw2": "reverse underline",
    "kw3": "bold italic",
    "kw4": "reverse bold",
    "kw5": "underline italic",
    "match": "underline",
    "current": "reverse bold underline",
    "title": "bold",
}
