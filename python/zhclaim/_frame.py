"""zhclaim.to_dataframe: records as a pandas DataFrame (pandas optional)."""

COLUMNS = ("doc", "kind", "plugin", "start_byte", "end_byte", "page", "bbox", "text",
           "value", "value_exact", "unit", "approx", "range_low", "range_high",
           "subject", "metric", "from", "sentence")


def _exact(v):
    if v is None:
        return None
    return getattr(v, "exact", None) or (str(v) if isinstance(v, int) else repr(v))


def to_dataframe(records):
    """One row per record: span start/end as integers (start_byte,
    end_byte), value as float64 plus value_exact, the exact decimal text
    ("57.4", "84000000"); range_low/range_high/from as nullable floats,
    page as a nullable integer, the text fields as strings (None where a
    record has no such field). Needs pandas (python3-pandas)."""
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError("zhclaim.to_dataframe needs pandas (apt-get install "
                          "python3-pandas)") from e
    cols = {c: [] for c in COLUMNS}
    for r in records:
        span = r["span"]
        rng = r.get("range")
        cols["doc"].append(r["doc"])
        cols["kind"].append(r["kind"])
        cols["plugin"].append(r["plugin"])
        cols["start_byte"].append(span[0])
        cols["end_byte"].append(span[1])
        cols["page"].append(r.get("page"))
        cols["bbox"].append(tuple(r["bbox"]) if "bbox" in r else None)
        cols["text"].append(r["text"])
        cols["value"].append(float(r["value"]))
        cols["value_exact"].append(_exact(r["value"]))
        cols["unit"].append(r["unit"])
        cols["approx"].append(r["approx"])
        cols["range_low"].append(float(rng[0]) if rng else None)
        cols["range_high"].append(float(rng[1]) if rng else None)
        cols["subject"].append(r.get("subject"))
        cols["metric"].append(r.get("metric"))
        cols["from"].append(float(r["from"]) if "from" in r else None)
        cols["sentence"].append(r.get("sentence"))
    df = pd.DataFrame(cols, columns=list(COLUMNS))
    df = df.astype({"start_byte": "int64", "end_byte": "int64", "page": "Int64",
                    "value": "float64", "range_low": "float64", "range_high": "float64",
                    "from": "float64"})
    for c in ("doc", "kind", "plugin", "text", "value_exact", "unit", "approx",
              "subject", "metric", "sentence"):
        df[c] = df[c].astype("string")
    for c in ("kind", "plugin", "unit", "approx"):
        df[c] = df[c].astype("category")
    return df
