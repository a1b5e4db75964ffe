#!/usr/bin/env python3
"""Builds the shipped reference data from the public sources (see README.md next to this file).

Usage: build.py <dvhcvn git dir> <dvhcvn-20250701 git dir> <vietnam-3d-map git dir>
Each argument is a git directory (a clone or a bare mirror); the files are read at the commits below,
so a rebuild gives the same bytes. Writes units.json.gz, mapping.json.gz, boundaries.json.gz and
source-totals.json into this folder.
"""
import gzip, json, os, re, subprocess, sys, unicodedata

DVHCVN_TAG = "v20250301"            # daohoangson/dvhcvn, data date 01/03/2025
DVHCVN_2025 = "dd94887ce32324380bc5bb0a76fe39867dafc73b"  # dvhcvn/20250701
MAP3D = "dc6095c45a49279d6c24f4de6cf00f4b2b04a90d"        # lamngockhuong/vietnam-3d-map
HERE = os.path.dirname(os.path.abspath(__file__))


def show(repo, rev, path):
    return subprocess.run(["git", "-C", repo, "show", f"{rev}:{path}"], check=True, capture_output=True).stdout.decode("utf-8")


def nfc(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def new_type(name):
    for t in ("Phường", "Xã", "Đặc khu"):
        if name.startswith(t + " "):
            return t
    raise ValueError(name)


def write_gz(name, obj):
    data = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # mtime=0: the same input gives the same bytes.
    with open(os.path.join(HERE, name), "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, compresslevel=9) as g:
            g.write(data)


def main(dvhcvn, dvhcvn2025, map3d):
    old = json.loads(show(dvhcvn, DVHCVN_TAG, "data/dvhcvn.json"))["data"]
    merges = json.loads(show(dvhcvn2025, DVHCVN_2025, "mapping/merges.json"))["data"]
    splits = json.loads(show(dvhcvn2025, DVHCVN_2025, "mapping/splits.json"))["data"]
    decree = show(dvhcvn2025, DVHCVN_2025, "input/docs/1027_CTK-CSCL.md")
    provinces_doc = show(dvhcvn2025, DVHCVN_2025, "input/docs/915_CTK-CSCL.csv")

    # Units: [generation, code, name, type, parent code]; "old" = before 1 July 2025, "new" = from then.
    units = []
    for p in old:
        units.append(["old", p["level1_id"], nfc(p["name"]), nfc(p["type"]), None])
        for d in p["level2s"]:
            units.append(["old", d["level2_id"], nfc(d["name"]), nfc(d["type"]), p["level1_id"]])
            for c in d["level3s"]:
                units.append(["old", c["level3_id"], nfc(c["name"]), nfc(c["type"]), d["level2_id"]])
    for p in merges:
        name = nfc(p["name"])
        units.append(["new", p["level1_id"], name, "Thành phố" if name.startswith("Thành phố") else "Tỉnh", None])
        for c in p["level2s"]:
            units.append(["new", c["level2_id"], nfc(c["name"]), new_type(nfc(c["name"])), p["level1_id"]])

    # Mapping old commune -> new communes, "full" (the whole old commune went there) or "partial".
    kind = {(m["old_id"], c["level2_id"]): m["type"] for p in merges for c in p["level2s"] for m in c["merges"]}
    mapping = {"provinces": {}, "communes": {}}
    for p in splits:
        mapping["provinces"][p["level1_id"]] = [s["new_id"] for s in p["splits"]]
        for c in p["level3s"]:
            mapping["communes"][c["level3_id"]] = [[s["new_id"], kind.get((c["level3_id"], s["new_id"]), "partial")] for s in c["splits"]]

    # Boundaries of the new communes (one outer ring per part, [lon, lat] at 5 decimals, as the source simplified them).
    new_names = {c["level2_id"]: (p["level1_id"], nfc(c["name"])) for p in merges for c in p["level2s"]}
    boundaries, unmatched = {}, []
    index = json.loads(show(map3d, MAP3D, "public/wards/index.json"))
    for entry in index:
        wards = json.loads(show(map3d, MAP3D, f"public/wards/{entry['id']}.json"))
        for w in wards["wards"]:
            code = w["id"]
            if code not in new_names or new_names[code][0] != wards["provinceId"]:
                # Two wards carry another id in the boundary set: match them by name inside the province.
                same = [k for k, (prov, n) in new_names.items() if prov == wards["provinceId"] and n.endswith(" " + nfc(w["name"]))]
                if len(same) != 1:
                    unmatched.append((wards["provinceId"], w["name"]))
                    continue
                code = same[0]
            boundaries[code] = w["polygons"]
    if unmatched:
        raise SystemExit(f"boundaries without a unit: {unmatched}")

    # The sources' own totals, read independently of the data above: the decree's list of new communes
    # (1027/CTK-CSCL) per province, the 34 provinces of 915/CTK-CSCL, and dvhcvn/20250701's stated old totals.
    rows = [l.split("|") for l in decree.splitlines() if re.match(r"^\|\s*\d+\s*\|\s*\d{5}\s*\|", l)]
    per_province = {}
    for r in rows:
        prov = nfc(r[4].replace("<br>", " ")).replace("Tp ", "Thành phố ")
        per_province[prov] = per_province.get(prov, 0) + 1
    province_codes = {nfc(l.split(",")[2]): l.split(",")[1] for l in provinces_doc.splitlines()[1:] if l.strip()}
    def code_of(name):
        for full, code in province_codes.items():
            if name.endswith(full) or full.endswith(name.replace("Tỉnh ", "")):
                return code
        raise ValueError(name)
    totals = {
        "new": {"provinces": len(province_codes), "communes": len(rows),
                "communesPerProvince": {code_of(k): v for k, v in sorted(per_province.items())}},
        "old": {"provinces": 63, "communes": 10047},
    }
    write_gz("units.json.gz", units)
    write_gz("mapping.json.gz", mapping)
    write_gz("boundaries.json.gz", boundaries)
    with open(os.path.join(HERE, "source-totals.json"), "w", encoding="utf-8") as f:
        json.dump(totals, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{len(units)} units, {len(mapping['communes'])} old communes mapped, {len(boundaries)} boundaries")


if __name__ == "__main__":
    main(*sys.argv[1:4])
