#!/usr/bin/env python3
"""Extract Natural Earth land polygons for one region from the npm package `world-atlas`.

Usage: npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
       python3 extract.py package/land-10m.json east-asia.json 117 24 146 52

Decodes the TopoJSON `land` object, keeps outer rings only (lakes count as land for a sea
router), clips each ring to the bounding box (Sutherland-Hodgman; even-odd point-in-polygon stays
correct inside the box), rounds to 0.001 degrees and writes
{"source", "licence", "bbox": [w, s, e, n], "rings": [[lon, lat, lon, lat, ...], ...]}.
"""
import json
import sys


def decode_arcs(topo):
    scale = topo["transform"]["scale"]
    translate = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def clip(points, w, s, e, n):
    def clip_edge(pts, inside, cross):
        out = []
        for i, cur in enumerate(pts):
            prev = pts[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        return out

    def at_x(x):
        return lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))

    def at_y(y):
        return lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)

    pts = points
    for inside, cross in (
        (lambda p: p[0] >= w, at_x(w)),
        (lambda p: p[0] <= e, at_x(e)),
        (lambda p: p[1] >= s, at_y(s)),
        (lambda p: p[1] <= n, at_y(n)),
    ):
        if not pts:
            break
        pts = clip_edge(pts, inside, cross)
    return pts


def main():
    src, dst = sys.argv[1], sys.argv[2]
    w, s, e, n = (float(v) for v in sys.argv[3:7])
    topo = json.load(open(src))
    arcs = decode_arcs(topo)
    rings = []
    for geom in topo["objects"]["land"]["geometries"]:
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        for polygon in polygons:
            pts = clip(ring_points(polygon[0], arcs)[:-1], w, s, e, n)
            flat = []
            for lon, lat in pts:
                p = [round(lon, 3), round(lat, 3)]
                if flat[-2:] != p:
                    flat.extend(p)
            if len(flat) >= 6:
                rings.append(flat)
    out = {
        "source": "Natural Earth land, via npm world-atlas 2.0.2 (" + src.split("/")[-1] + ")",
        "licence": "Natural Earth: public domain; world-atlas packaging: ISC (Michael Bostock)",
        "bbox": [w, s, e, n],
        "rings": rings,
    }
    with open(dst, "w") as f:
        json.dump(out, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
