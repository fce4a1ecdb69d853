"""Jinja2 peer of the template benchmark: the same templates and data (a JSON file written by
main.swift), the same filters where Jinja2 has none or a different one (date with Dutch names,
abs_url, truncate counting the ellipsis). Prints one JSON object: pages/s (median, of thread CPU time: the machine is shared), the first
and last page and the total bytes, so the Swift side can check the outputs are identical."""
import datetime
import json
import statistics
import sys
import time

import jinja2
from markupsafe import Markup

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def date_filter(d, fmt="%Y-%m-%d"):
    out = []
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c != "%":
            out.append(c)
            i += 1
            continue
        i += 1
        pad = True
        if fmt[i] == "-":
            pad = False
            i += 1
        k = fmt[i]
        i += 1
        if k == "Y":
            out.append("%04d" % d.year if pad else str(d.year))
        elif k == "m":
            out.append("%02d" % d.month if pad else str(d.month))
        elif k == "d":
            out.append("%02d" % d.day if pad else str(d.day))
        elif k == "B":
            out.append(MONTHS[d.month - 1])
        elif k == "A":
            out.append(DAYS[d.weekday()])
        elif k == "%":
            out.append("%")
        else:
            raise ValueError("directive %" + k)
    return "".join(out)


def make_abs_url(base):
    scheme_end = base.index("://") + 3
    slash = base.find("/", scheme_end)
    origin, path = (base, "/") if slash < 0 else (base[:slash], base[slash:])
    if not path.endswith("/"):
        path += "/"

    def abs_url(s):
        s = str(s)
        if ":" in s.split("/")[0] or s.startswith("//"):
            return s
        if s.startswith("/"):
            if path != "/" and (s.startswith(path) or s == path[:-1]):
                return origin + s
            return origin + path + s[1:]
        return origin + path + s
    return abs_url


def truncate(s, n=255, end="\u2026"):
    if len(s) <= n:
        return s
    return s[: max(0, n - len(end))].rstrip() + end


def convert(v, key=""):
    if isinstance(v, dict):
        return {k: convert(x, k) for k, x in v.items()}
    if isinstance(v, list):
        return [convert(x) for x in v]
    if isinstance(v, str):
        if key == "content":
            return Markup(v)
        if key in ("date", "build_date"):
            return datetime.date.fromisoformat(v)
    return v


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        data = json.load(f)
    env = jinja2.Environment(loader=jinja2.DictLoader(data["templates"]), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["date"] = date_filter
    env.filters["abs_url"] = make_abs_url(data["base_url"])
    env.filters["truncate"] = truncate
    site = convert(data["site"])
    pages = [convert(p) for p in data["pages"]]
    template = env.get_template("page.html")
    rates = []
    outputs = []
    for run in range(data["runs"]):
        start = time.thread_time()
        if run == 0:
            for page in pages:
                outputs.append(template.render(site=site, page=page))
        else:
            for page in pages:
                template.render(site=site, page=page)
        rates.append(len(pages) / (time.thread_time() - start))
    # Jinja2 writes a quote as &#34;, bj42 (by the contract) as &quot;: compare modulo that.
    outputs = [o.replace("&#34;", "&quot;") for o in outputs]
    first, last = outputs[0], outputs[-1]
    total = sum(len(o.encode("utf-8")) for o in outputs)
    json.dump({"pages_per_second": statistics.median(rates), "runs": rates, "first": first, "last": last,
               "bytes": total, "version": jinja2.__version__}, sys.stdout)


main()
