"""A result's claims as the zhclaim command writes them.

Each writer here mirrors one in core/: JSON Lines as core/json_writer.c
(only quotes, backslashes and control bytes escaped; UTF-8 passes
through), CSV as core/csv_writer.c (RFC 4180, CRLF), the SQLite rows as
core/cli/sqlite_sink.c binds them, and the dicts as json.loads() reads a
JSON Lines record. Numbers are formatted by zc_decimal_format(), the
library's own shortest exact form. Everything works on bytes, so the
output is byte-identical to the command's.

Where a claim stands on a page (PDF) is "page"/"bbox" after "span" in JSON
Lines, the page/bbox CSV columns and the page/x0..y1 SQLite columns.
"""
import ctypes
import re

from . import _lib

_decimal_cache = {}


def decimal_text(d):
    """zc_decimal_format(d) as bytes; cached, since values repeat a lot."""
    key = (d.mantissa, d.exponent)
    s = _decimal_cache.get(key)
    if s is None:
        buf = ctypes.create_string_buffer(64)
        _lib.zc_decimal_format(d, buf, 64)
        s = buf.value
        if len(_decimal_cache) < 100000:
            _decimal_cache[key] = s
    return s


def claims(res):
    """The claims of a Result (a ctypes.POINTER(Result)), stepping by the
    library's claim_size; each paired with its place (or None)."""
    r = res.contents
    size = r.claim_size or ctypes.sizeof(_lib.Claim)
    place_size = r.place_size or ctypes.sizeof(_lib.ClaimPlace)
    base, pbase = r.claims, r.places
    out = []
    for i in range(r.n_claims):
        c = _lib.Claim.from_address(base + i * size)
        p = _lib.ClaimPlace.from_address(pbase + i * place_size) if pbase else None
        out.append((c, p if p is not None and p.page != 0 else None))
    return out


# ---- JSON Lines (core/json_writer.c) ----

_JSON_SPECIAL = re.compile(rb'[\x00-\x1f"\\]')
_JSON_ESCAPES = {b'"': b'\\"', b'\\': b'\\\\', b'\n': b'\\n', b'\r': b'\\r',
                 b'\t': b'\\t'}


def _json_escape_one(m):
    c = m.group()
    e = _JSON_ESCAPES.get(c)
    return e if e is not None else b"\\u00%02x" % c[0]


def json_string(s):
    if _JSON_SPECIAL.search(s) is None:
        return b'"' + s + b'"'
    return b'"' + _JSON_SPECIAL.sub(_json_escape_one, s) + b'"'


def _bbox_text(place):
    return b"%.2f,%.2f,%.2f,%.2f" % tuple(place.bbox)


def jsonl_claim(c, place, doc_json=None):
    parts = [b'{"doc":', doc_json or json_string(c.doc),
             b',"kind":', json_string(c.kind),
             b',"plugin":', json_string(c.plugin),
             b',"span":[%d,%d]' % (c.start_byte, c.end_byte)]
    if place is not None:
        parts.append(b',"page":%d' % place.page)
        if place.has_bbox:
            parts += [b',"bbox":[', _bbox_text(place), b']']
    parts += [b',"text":', json_string(c.text),
              b',"value":', decimal_text(c.value),
              b',"unit":', json_string(c.unit),
              b',"approx":', json_string(_APPROX_B[c.approx])]
    if c.has_range:
        parts += [b',"range":[', decimal_text(c.range_low), b',',
                  decimal_text(c.range_high), b']']
    if c.subject is not None:
        parts += [b',"subject":', json_string(c.subject)]
    if c.metric is not None:
        parts += [b',"metric":', json_string(c.metric)]
    if c.has_from:
        parts += [b',"from":', decimal_text(c.from_)]
    if c.sentence is not None:
        parts += [b',"sentence":', json_string(c.sentence)]
    parts.append(b"}\n")
    return b"".join(parts)


_APPROX_B = tuple(a.encode() for a in _lib.APPROX)


def render_jsonl(res):
    items = claims(res)
    if not items:
        return b""
    doc_json = json_string(items[0][0].doc)
    return b"".join(jsonl_claim(c, p, doc_json) for c, p in items)


# ---- CSV (core/csv_writer.c) ----

CSV_HEADER = (b"doc,kind,plugin,start_byte,end_byte,text,value,unit,approx,"
              b"range_low,range_high,subject,metric,from,sentence"
              b",page,bbox\r\n")

_CSV_SPECIAL = re.compile(rb'[,"\r\n]')


def csv_field(s):
    if s is None:
        return b""
    if _CSV_SPECIAL.search(s) is None:
        return s
    return b'"' + s.replace(b'"', b'""') + b'"'


def csv_claim(c, place):
    fields = [csv_field(c.doc), csv_field(c.kind), csv_field(c.plugin),
              b"%d" % c.start_byte, b"%d" % c.end_byte, csv_field(c.text),
              decimal_text(c.value), csv_field(c.unit), csv_field(_APPROX_B[c.approx]),
              decimal_text(c.range_low) if c.has_range else b"",
              decimal_text(c.range_high) if c.has_range else b"",
              csv_field(c.subject), csv_field(c.metric),
              decimal_text(c.from_) if c.has_from else b"",
              csv_field(c.sentence)]
    fields.append(b"%d" % place.page if place is not None else b"")
    fields.append(b"%.2f %.2f %.2f %.2f" % tuple(place.bbox)
                  if place is not None and place.has_bbox else b"")
    return b",".join(fields) + b"\r\n"


def render_csv(res):
    return b"".join(csv_claim(c, p) for c, p in claims(res))


# ---- SQLite rows (core/cli/sqlite_sink.c, insert_claims) ----

def _text(s):
    return None if s is None else s.decode("utf-8", "surrogateescape")


def sqlite_rows(res):
    """(seq, kind, plugin, start, end, text, value, unit, approx, range_low,
    range_high, subject, metric, from, sentence, page, x0, y0, x1, y1):
    decimals as their exact text, which the NUMERIC columns store as an
    integer or a real, as the command binds them."""
    rows = []
    for i, (c, p) in enumerate(claims(res)):
        row = (i, _text(c.kind), _text(c.plugin), c.start_byte, c.end_byte,
               _text(c.text), decimal_text(c.value).decode(), _text(c.unit),
               _lib.APPROX[c.approx],
               decimal_text(c.range_low).decode() if c.has_range else None,
               decimal_text(c.range_high).decode() if c.has_range else None,
               _text(c.subject), _text(c.metric),
               decimal_text(c.from_).decode() if c.has_from else None,
               _text(c.sentence))
        if p is None:
            row += (None,) * 5
        else:
            bbox = tuple(p.bbox) if p.has_bbox else (None,) * 4
            row += (p.page,) + bbox
        rows.append(row)
    return rows


# ---- dicts, as json.loads() reads a JSON Lines record ----

class ExactInt(int):
    """An integer value that also carries its exact decimal text (.exact)."""


class ExactFloat(float):
    """A fractional value that also carries its exact decimal text (.exact):
    equal to what json.loads() gives, without losing 57.4 to binary."""


def _number(d):
    s = decimal_text(d).decode()
    v = ExactFloat(s) if "." in s else ExactInt(s)
    v.exact = s
    return v


def record(c, place):
    r = {"doc": _text(c.doc), "kind": _text(c.kind), "plugin": _text(c.plugin),
         "span": [c.start_byte, c.end_byte]}
    if place is not None:
        r["page"] = place.page
        if place.has_bbox:
            # As JSON Lines prints them ("%.2f") and json.loads reads them.
            r["bbox"] = [float("%.2f" % x) for x in place.bbox]
    r["text"] = _text(c.text)
    r["value"] = _number(c.value)
    r["unit"] = _text(c.unit)
    r["approx"] = _lib.APPROX[c.approx]
    if c.has_range:
        r["range"] = [_number(c.range_low), _number(c.range_high)]
    if c.subject is not None:
        r["subject"] = _text(c.subject)
    if c.metric is not None:
        r["metric"] = _text(c.metric)
    if c.has_from:
        r["from"] = _number(c.from_)
    if c.sentence is not None:
        r["sentence"] = _text(c.sentence)
    return r


def records(res):
    return [record(c, p) for c, p in claims(res)]
