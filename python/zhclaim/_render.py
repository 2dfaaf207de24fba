"""A result's claims as the zhclaim command writes them.

JSON Lines and CSV come from the command's own writers in
libzhclaim-records (zhclaim/records.h), so the bytes are the command's by
construction. The SQLite rows are bound as core/cli/sqlite_sink.c binds
them, and the dicts are what json.loads() reads from a JSON Lines record.
Numbers are formatted by zc_decimal_format(), the library's own shortest
exact form.

Where a claim stands on a page (PDF) is "page"/"bbox" after "span" in JSON
Lines, the page/bbox CSV columns and the page/x0..y1 SQLite columns.
"""
import ctypes

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


# ---- JSON Lines and CSV: the command's own writers (libzhclaim-records) ----

CSV_HEADER = _lib.zc_records_csv_header()


def _render(res, fmt):
    buf, n = ctypes.c_void_p(), _lib.c_size_t()
    status = _lib.zc_records_render(res, fmt, ctypes.byref(buf), ctypes.byref(n))
    if status != _lib.ZC_OK:
        raise MemoryError("zhclaim: cannot render the records of %s (%s)"
                          % (res.contents.doc.decode("utf-8", "surrogateescape"),
                             _lib.zc_status_name(status).decode()))
    if not buf.value:
        return b""
    try:
        return ctypes.string_at(buf.value, n.value)
    finally:
        _lib.zc_records_free(buf)


def render_jsonl(res):
    return _render(res, _lib.ZC_RECORDS_JSONL)


def render_csv(res):
    return _render(res, _lib.ZC_RECORDS_CSV)


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
