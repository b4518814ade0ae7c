"""datasketch side of bench/neardup-vs-datasketch.ts (run by it; prints one JSON object).

Reads the JSONL corpus the TS script wrote ({id, text, kind, base?} per line), then times
word 5-shingling + MinHash(num_perm=128) + MinHashLSH insert of every document, and
MinHashLSH queries of the planted copies. File reading is not timed.

  --mode sweep --thresholds 0.1,0.2,...  MinHashes computed once (timed once); for each
      threshold a fresh MinHashLSH is built and queried (timed per threshold); the
      throughput at a threshold counts the MinHash time plus that threshold's LSH time.
  --mode run --thresholds T  one end-to-end pass at T (shingle, MinHash, insert per
      document; then the queries), the way a user would run it; gives the headline
      time and peak RSS.

datasketch is imported from ../shared/peers/datasketch (or --peer DIR); only the
standard library and numpy/scipy (datasketch's own dependencies) are used.
"""
import argparse
import json
import os
import re
import resource
import sys
import time

WORD = re.compile(r"\w+")
KINDS = ("excerpt", "shuffle", "drop")


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KB on Linux


def shingles(text):
    """Distinct word 5-shingles (lower-cased \\w+ words), UTF-8 bytes for datasketch's SHA1 hash."""
    words = WORD.findall(text.lower())
    if len(words) < 5:
        return [" ".join(words).encode("utf-8")] if words else []
    return list({" ".join(words[i:i + 5]).encode("utf-8") for i in range(len(words) - 4)})


def clock():
    return time.perf_counter(), time.process_time()


def since(t0):
    return {"wall": time.perf_counter() - t0[0], "cpu": time.process_time() - t0[1]}


def add(a, b):
    return {"wall": a["wall"] + b["wall"], "cpu": a["cpu"] + b["cpu"]}


def score(docs, copies, results):
    """Recall per kind (hit: the copy's base among the candidates) and candidates per query (self excluded)."""
    hits = {k: 0 for k in KINDS}
    total = {k: 0 for k in KINDS}
    cands = 0
    for i, found in zip(copies, results):
        d = docs[i]
        kind = d["kind"]
        total[kind] += 1
        if d["baseIndex"] in found:
            hits[kind] += 1
        cands += len(found) - (1 if i in found else 0)
    n = sum(total.values())
    return {
        "recall": sum(hits.values()) / n if n else 1.0,
        "recallByKind": {k: (hits[k] / total[k] if total[k] else 1.0) for k in KINDS},
        "candidatesPerQuery": cands / n if n else 0.0,
    }


def build_and_query(MinHashLSH, threshold, num_perm, minhashes, copies):
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    t_ins = clock()
    for i, m in enumerate(minhashes):
        lsh.insert(i, m, check_duplication=False)
    insert = since(t_ins)
    t_q = clock()
    results = [set(lsh.query(minhashes[i])) for i in copies]
    query = since(t_q)
    return lsh, insert, query, results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--mode", choices=("sweep", "run"), default="sweep")
    ap.add_argument("--thresholds", default="0.1,0.15,0.2,0.25,0.3,0.35,0.4,0.45,0.5")
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--peer", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "peers", "datasketch"))
    args = ap.parse_args()

    sys.path.insert(0, os.path.abspath(args.peer))
    import numpy  # noqa: F401  (datasketch needs it; fail here with a clear message)
    from datasketch import MinHash, MinHashLSH

    docs = []
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            docs.append(json.loads(line))
    index_of = {d["id"]: i for i, d in enumerate(docs)}
    for d in docs:
        d["baseIndex"] = index_of.get(d.get("base"), -1)
    copies = [i for i, d in enumerate(docs) if d["kind"] != "base"]
    texts = [d["text"] for d in docs]
    thresholds = [float(t) for t in args.thresholds.split(",")]
    MinHash(num_perm=args.num_perm)  # warm-up: permutation set-up, imports
    rss_loaded = rss_mb()

    out = {
        "system": "datasketch",
        "mode": args.mode,
        "numPerm": args.num_perm,
        "shingles": "word 5-grams (lower-cased \\w+), SHA1 hash (datasketch default)",
        "docs": len(docs),
        "queries": len(copies),
        "python": sys.version.split()[0],
        "numpy": numpy.__version__,
        "rssAfterLoadMB": rss_loaded,
    }

    if args.mode == "sweep":
        t0 = clock()
        minhashes = MinHash.bulk((shingles(t) for t in texts), num_perm=args.num_perm)
        mh = since(t0)
        out["fingerprintSeconds"] = mh
        out["thresholds"] = []
        for th in thresholds:
            lsh, insert, query, results = build_and_query(MinHashLSH, th, args.num_perm, minhashes, copies)
            total = add(add(mh, insert), query)
            row = {"threshold": th, "bands": lsh.b, "rows": lsh.r,
                   "seconds": total, "insertSeconds": insert, "querySeconds": query,
                   "docsPerSec": len(docs) / total["wall"], "docsPerCpuSec": len(docs) / total["cpu"]}
            row.update(score(docs, copies, results))
            out["thresholds"].append(row)
            del lsh
        out["peakRssMB"] = rss_mb()
    else:
        th = thresholds[0]
        copy_set = set(copies)
        lsh = MinHashLSH(threshold=th, num_perm=args.num_perm)
        kept = {}
        t0 = clock()
        gen = MinHash.generator((shingles(t) for t in texts), num_perm=args.num_perm)
        t_ins = {"wall": 0.0, "cpu": 0.0}
        for i in range(len(texts)):
            m = next(gen)
            t1 = clock()
            lsh.insert(i, m, check_duplication=False)
            t_ins = add(t_ins, since(t1))
            if i in copy_set:
                kept[i] = m
        build = since(t0)
        t_q = clock()
        results = [set(lsh.query(kept[i])) for i in copies]
        query = since(t_q)
        total = add(build, query)
        fp = {"wall": build["wall"] - t_ins["wall"], "cpu": build["cpu"] - t_ins["cpu"]}
        out.update({"threshold": th, "bands": lsh.b, "rows": lsh.r, "seconds": total,
                    "fingerprintSeconds": fp, "insertSeconds": t_ins, "querySeconds": query,
                    "docsPerSec": len(docs) / total["wall"], "docsPerCpuSec": len(docs) / total["cpu"]})
        out.update(score(docs, copies, results))
        out["peakRssMB"] = rss_mb()
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
