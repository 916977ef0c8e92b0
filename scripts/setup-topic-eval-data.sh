#!/usr/bin/env bash
# Labelled text sets for topic-discovery quality (bench/topics/quality, tests/topics), taken from
# Debian packages: WordNet (topic domains of glosses), FOLDOC (subject tags), GCIDE (field labels
# of senses) and fortune (categories). The packages are unpacked into .deps/topic-eval rather than
# installed: the dictionaries depend on a dict server that nothing here needs. Quiet when present.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$PWD/.deps/topic-eval"
packages=(wordnet-base dict-foldoc dict-gcide fortunes)
if [ -f "$dir/ready" ]; then exit 0; fi
echo "setup: unpacking ${packages[*]} into $dir (topic quality sets)"
rm -rf "$dir"
mkdir -p "$dir/debs" "$dir/root"
download() { (cd "$dir/debs" && apt-get download "${packages[@]}" 2>&1 | grep -v "unsandboxed" || true); }
download
# A machine whose package lists were never fetched (or were cleaned) knows no versions to download.
if [ "$(ls "$dir"/debs/*.deb 2>/dev/null | wc -l)" -lt ${#packages[@]} ]; then
  $([ "$(id -u)" = 0 ] || echo sudo) apt-get update -qq
  rm -f "$dir"/debs/*.deb  # the lists may now name newer versions: one file a package
  download
fi
for package in "${packages[@]}"; do
  deb=$(ls "$dir"/debs/"${package}"_*.deb | tail -1)
  dpkg-deb -x "$deb" "$dir/root"
done
# dictd's files are dictzip, which is gzip: plain text for the loaders.
for name in foldoc gcide; do zcat "$dir/root/usr/share/dictd/$name.dict.dz" >"$dir/$name.txt"; done
ls "$dir/debs" >"$dir/ready"
