"""Builds datasets/austen_paragraphs.tsv.gz from Debian's r-cran-janeaustenr.

    apt-get download r-cran-janeaustenr     # 1.0.0-1
    dpkg -x r-cran-janeaustenr_*.deb deb
    python3 tools/datasets/austen.py deb/usr/lib/R/site-library/janeaustenr/data/Rdata.rdb

No R needed: `Rdata.rdb` is R's lazy-load database, a sequence of blobs
(4-byte big-endian length, then a zlib stream), each an R object serialized
in XDR format; here each is a character vector (STRSXP) of the lines of one
novel, in the package's order (emma, mansfieldpark, northangerabbey,
persuasion, prideprejudice, sensesensibility; checked against each novel's
title line below). Lines are joined into paragraphs at blank lines;
paragraphs of fewer than 5 words and chapter headings are dropped.
"""
import gzip
import struct
import sys
import zlib

NOVELS = [
    ("emma", "EMMA"),
    ("mansfield_park", "MANSFIELD PARK"),
    ("northanger_abbey", "NORTHANGER ABBEY"),
    ("persuasion", "Persuasion"),
    ("pride_and_prejudice", "PRIDE AND PREJUDICE"),
    ("sense_and_sensibility", "SENSE AND SENSIBILITY"),
]


def blobs(raw):
    pos = 0
    while pos < len(raw):
        d = zlib.decompressobj()
        yield d.decompress(raw[pos + 4 :])
        pos = len(raw) - len(d.unused_data)


def strings(b):
    """The elements of a serialized character vector (None for NA)."""
    assert b[:2] == b"X\n", "not an XDR serialization"
    p = 2 + 12
    n = struct.unpack(">i", b[p : p + 4])[0]
    p += 4 + n  # native encoding name
    flags, length = struct.unpack(">ii", b[p : p + 8])
    p += 8
    assert flags & 0xFF == 16, "not a character vector"
    out = []
    for _ in range(length):
        f, n = struct.unpack(">ii", b[p : p + 8])
        p += 8
        assert f & 0xFF == 9, "not a CHARSXP"
        if n == -1:
            out.append(None)
            continue
        out.append(b[p : p + n].decode("utf-8"))
        p += n
    return out


def paragraphs(lines):
    para = []
    for line in lines + [""]:
        line = (line or "").strip()
        if line:
            para.append(line)
            continue
        if para:
            text = " ".join(para).replace("\t", " ")
            para = []
            if len(text.split()) >= 5 and not text.upper().startswith("CHAPTER"):
                yield text


def main(path, out="datasets/austen_paragraphs.tsv.gz"):
    rows = []
    for (label, title), blob in zip(NOVELS, blobs(open(path, "rb").read())):
        lines = strings(blob)
        assert title in [l for l in lines[:5] if l], (label, lines[:5])
        rows.extend((label, text) for text in paragraphs(lines))
    data = "label\ttext\n" + "".join(f"{a}\t{b}\n" for a, b in rows)
    with gzip.GzipFile(out, "wb", compresslevel=9, mtime=0) as f:
        f.write(data.encode("utf-8"))
    print(f"{len(rows)} paragraphs written to {out}")


if __name__ == "__main__":
    main(sys.argv[1])
