#!/usr/bin/env bash
# The spreadsheets in this folder as staff's programs save them: Debian's LibreOffice
# (libreoffice-calc-nogui) opens people-source.csv as UTF-8 in a German locale, where
# 10.01.2025 is a date, and saves it as ODS, XLSX and a semicolon CSV.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
in='CSV:44,34,76,1,,1031,false,true'
soffice --headless -env:UserInstallation="file://$work/profile" --infilter="$in" \
    --convert-to ods --outdir "$work" people-source.csv >/dev/null
soffice --headless -env:UserInstallation="file://$work/profile" --infilter="$in" \
    --convert-to xlsx --outdir "$work" people-source.csv >/dev/null
soffice --headless -env:UserInstallation="file://$work/profile" \
    --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1' --outdir "$work/csv" \
    "$work/people-source.ods" >/dev/null
cp "$work/people-source.ods" people-libreoffice.ods
cp "$work/people-source.xlsx" people-libreoffice.xlsx
cp "$work/csv/people-source.csv" people-libreoffice-semicolon.csv
