#!/usr/bin/python3
"""Reads an SVG figure with an independent XML parser and PNG decoder (Python's ElementTree and zlib) and
prints what tests/export/figure_svg_test.cpp checks, one fact a line:

  root svg | width W | height H | viewBox V | circles N | ring N (black-edged circles)
  tick T (each <text> that is a number) | text S (each other <text>)
  polyline K N (the K-th polyline's point count) | image W H (the embedded PNG's size)
  pixel X Y R G B (every pixel of the embedded PNG; small grids only)

Exits 1 (with the parser's message) when the file is not well-formed XML.
"""
import base64
import struct
import sys
import xml.etree.ElementTree as E
import zlib

SVG = "{http://www.w3.org/2000/svg}"


def png_pixels(data):
    """(width, height, rows of (r, g, b)) of an 8-bit RGBA PNG with filter type 0 (what EncodePng writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, idat, width, height = 8, b"", 0, 0
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour == 6, "not 8-bit RGBA"
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    raw = zlib.decompress(idat)
    rows, stride = [], 1 + 4 * width
    for y in range(height):
        line = raw[y * stride:(y + 1) * stride]
        assert line[0] == 0, "filter type other than None"
        rows.append([tuple(line[1 + 4 * x:4 + 4 * x]) for x in range(width)])
    return width, height, rows


def main(path):
    try:
        root = E.parse(path).getroot()
    except E.ParseError as error:
        print("not well-formed:", error)
        sys.exit(1)
    print("root", root.tag.replace(SVG, ""))
    for key in ("width", "height", "viewBox"):
        print(key, root.get(key))
    circles = root.findall(".//" + SVG + "circle")
    print("circles", len(circles))
    print("ring", sum(1 for c in circles if c.get("stroke") == "#000000"))
    for text in root.iter(SVG + "text"):
        value = (text.text or "").strip()
        try:
            float(value)
            print("tick", value)
        except ValueError:
            print("text", value)
    for k, line in enumerate(root.iter(SVG + "polyline")):
        print("polyline", k, len((line.get("points") or "").split()))
    for image in root.iter(SVG + "image"):
        href = image.get("href")
        prefix = "data:image/png;base64,"
        assert href.startswith(prefix), "not an embedded PNG"
        width, height, rows = png_pixels(base64.b64decode(href[len(prefix):]))
        print("image", width, height)
        if width * height <= 4096:
            for y, row in enumerate(rows):
                for x, (r, g, b) in enumerate(row):
                    print("pixel", x, y, r, g, b)


if __name__ == "__main__":
    main(sys.argv[1])
