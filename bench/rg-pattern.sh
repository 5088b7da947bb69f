#!/usr/bin/env bash
# Print the ripgrep pattern used as the speed floor: the year pattern and every Gregorian and
# Hijri month name from rules/calendar.toml, as one alternation (regex metacharacters escaped).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
calendar=${1:-$root/rules/calendar.toml}

names=$(awk '
  /^\[\[/ { months = ($0 ~ /^\[\[(gregorian|hijri)_months\]\]/) }
  months && /^names[ \t]*=/ {
    line = $0; sub(/^[^[]*\[/, "", line); sub(/\][ \t]*$/, "", line)
    while (match(line, /"[^"]*"/)) {
      print substr(line, RSTART + 1, RLENGTH - 2)
      line = substr(line, RSTART + RLENGTH)
    }
  }' "$calendar" | LC_ALL=C sort -u | sed -e 's/[][\\.^$*+?(){}|]/\\&/g' | paste -sd'|' -)
[[ -n $names ]] || { echo "rg-pattern: no month names found in $calendar" >&2; exit 1; }
printf '%s\n' "\\b(1[0-9]{3}|20[0-9]{2})\\b|$names"
