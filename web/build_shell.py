#!/usr/bin/env python3
"""Assembles the app shell in the web output folder once the app is linked.

Run by web/CMakeLists.txt after tokhai-app (app.js, app.wasm, app.data),
tokhai-photo (photo.js, photo.wasm) and the static files are in OUT:

1. The five big files get content-hashed copies (app.<hash>.js, .wasm,
   .data, photo.<hash>.js, .wasm) that tokhai-server may let browsers keep
   for a year; index.html is written from web/index.html with app.js's hashed
   name, and names the others in <meta name="tokhai-assets">: app.wasm and
   app.data for citizen-app.js's locateFile, photo.js and photo.wasm for the
   photo worker (platform/web/web_photos.cpp passes them to photo-worker.js).
2. The home-screen icons are rendered from web/icon.svg (rsvg-convert).
3. The build's version is a SHA-256 over every shell file's name and bytes;
   sw.js is written from web/sw.js with that version and the list of shell
   files it precaches under the cache "tokhai-shell-<version>".
4. Every static file gets a .br (brotli -q 11) and .gz (gzip -9) copy, which
   tokhai-server sends by Accept-Encoding.
5. shell.json lists the shell files with their raw, gzip and brotli sizes,
   and under "after_usable" those the page does not load on its way to
   usable (the photo worker's three files, loaded with the first photo; the
   service worker precaches them in the background): read by
   tests/bench/load_bench.mjs, which leaves them out of the bytes to usable.

Usage: build_shell.py SOURCE_DIR OUT_DIR [--build-stamp TEXT]
--build-stamp mixes TEXT into the version: two builds of the same code with
different stamps are two versions (the update test makes build B that way).
"""
import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

HASHED = ["app.js", "app.wasm", "app.data", "photo.js", "photo.wasm"]
# Files copied to OUT by web/CMakeLists.txt, precached by the service worker.
STATIC = ["app.css", "idb-durability.js", "citizen-app.js", "text-agent.js", "icon.svg",
          "manifest.webmanifest", "photo-worker.js"]
# Shell files (by unhashed name) that only the photo worker loads, with the
# first photo: not part of the way to usable.
AFTER_USABLE = ["photo-worker.js", "photo.js", "photo.wasm"]
ICON_SIZES = [192, 512]


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write_if_changed(path, data):
    if os.path.exists(path) and read(path) == data:
        return
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def render_icons(source_dir, out_dir):
    svg = os.path.join(source_dir, "icon.svg")
    names = []
    os.makedirs(os.path.join(out_dir, "icons"), exist_ok=True)
    for size in ICON_SIZES:
        name = f"icons/icon-{size}.png"
        target = os.path.join(out_dir, name)
        if not os.path.exists(target) or os.path.getmtime(target) < os.path.getmtime(svg):
            subprocess.run(["rsvg-convert", "-w", str(size), "-h", str(size), "-o", target + ".tmp",
                            svg], check=True)
            os.replace(target + ".tmp", target)
        names.append(name)
    return names


def hashed_copies(out_dir):
    names = {}
    for name in HASHED:
        data = read(os.path.join(out_dir, name))
        stem, ext = os.path.splitext(name)
        hashed = f"{stem}.{sha256(data)[:16]}{ext}"
        write_if_changed(os.path.join(out_dir, hashed), data)
        names[name] = hashed
    # Older hashed copies of this build folder are not part of the shell.
    pattern = re.compile(r"^(app|photo)\.[0-9a-f]{16}\.(js|wasm|data)(\.br|\.gz)?$")
    for entry in os.listdir(out_dir):
        if pattern.match(entry) and entry.split(".br")[0].split(".gz")[0] not in names.values():
            os.remove(os.path.join(out_dir, entry))
    return names


def write_index(source_dir, out_dir, names):
    html = read(os.path.join(source_dir, "index.html")).decode("utf-8")
    script = '<script src="app.js" async></script>'
    if script not in html:
        sys.exit(f"build_shell.py: web/index.html has no {script}")
    html = html.replace(script, f'<script src="{names["app.js"]}" async></script>')
    assets = json.dumps({k: v for k, v in names.items() if k != "app.js"}, separators=(",", ":"))
    meta = f"<meta name=\"tokhai-assets\" content='{assets}'>"
    html = html.replace("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\">\n  " + meta, 1)
    write_if_changed(os.path.join(out_dir, "index.html"), html.encode("utf-8"))


def write_service_worker(source_dir, out_dir, shell, stamp):
    digest = hashlib.sha256()
    digest.update(stamp.encode("utf-8"))
    for name in sorted(shell):
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(read(os.path.join(out_dir, name)))
    version = digest.hexdigest()[:16]
    template = read(os.path.join(source_dir, "sw.js")).decode("utf-8")
    for marker in ("'__TOKHAI_BUILD__'", "['__TOKHAI_SHELL__']"):
        if marker not in template:
            sys.exit(f"build_shell.py: web/sw.js has no {marker}")
    text = template.replace("'__TOKHAI_BUILD__'", json.dumps(version)).replace(
        "['__TOKHAI_SHELL__']", json.dumps(["./"] + sorted(shell), indent=2))
    write_if_changed(os.path.join(out_dir, "sw.js"), text.encode("utf-8"))
    return version


def compress(out_dir, name):
    path = os.path.join(out_dir, name)
    data = read(path)
    sizes = {"raw": len(data)}
    gz = gzip.compress(data, compresslevel=9, mtime=0)
    write_if_changed(path + ".gz", gz)
    sizes["gzip"] = len(gz)
    br_path = path + ".br"
    if not os.path.exists(br_path) or os.path.getmtime(br_path) < os.path.getmtime(path):
        br = subprocess.run(["brotli", "-q", "11", "-c", path], check=True,
                            capture_output=True).stdout
        write_if_changed(br_path, br)
    sizes["brotli"] = os.path.getsize(br_path)
    return sizes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source_dir")
    parser.add_argument("out_dir")
    parser.add_argument("--build-stamp", default="")
    args = parser.parse_args()
    out = args.out_dir

    names = hashed_copies(out)
    write_index(args.source_dir, out, names)
    icons = render_icons(args.source_dir, out)
    shell = ["index.html"] + STATIC + icons + list(names.values())
    version = write_service_worker(args.source_dir, out, shell, args.build_stamp)

    sizes = {name: compress(out, name) for name in shell + ["sw.js"]}
    after_usable = sorted(names.get(name, name) for name in AFTER_USABLE)
    report = {"version": version, "shell": ["./"] + sorted(shell), "files": sizes,
              "hashed": names, "after_usable": after_usable}
    write_if_changed(os.path.join(out, "shell.json"),
                     (json.dumps(report, indent=2, sort_keys=True) + "\n").encode("utf-8"))


if __name__ == "__main__":
    main()
