#!/usr/bin/env bash
# The spreadsheets in this folder as staff's programs save them: Debian's LibreOffice
# (libreoffice-calc-nogui) opens people-source.csv as UTF-8 in a German locale, where
# 10.01.2025 is a date, and saves it as ODS, XLSX and a semicolon CSV; it saves
# organisations-countries-source.csv (countries as councils write them) as ODS and XLSX.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
in='CSV:44,34,76,1,,1031,false,true'
for source in people-source organisations-countries-source; do
    for format in ods xlsx; do
        soffice --headless -env:UserInstallation="file://$work/profile" --infilter="$in" \
            --convert-to "$format" --outdir "$work" "$source.csv" >/dev/null
        cp "$work/$source.$format" "${source%-source}-libreoffice.$format"
    done
done
soffice --headless -env:UserInstallation="file://$work/profile" \
    --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1' --outdir "$work/csv" \
    "$work/people-source.ods" >/dev/null
cp "$work/csv/people-source.csv" people-libreoffice-semicolon.csv
