#!/bin/bash
# Copyright 2026 The BFG Integration Console authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Keeps the Spanish catalogue complete: po/es.po must compile with
# msgfmt --check, and against a template extracted afresh from the sources
# listed in po/POTFILES.in (the same keywords as meson's glib preset) it
# must have no untranslated and no fuzzy message. po/bfg-console.pot in the
# tree may be stale; this test does not trust it. TAP output.
#
# Usage: check-catalogue.sh [SRCDIR]

set -euo pipefail
export LC_ALL=C.UTF-8

srcdir="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
cd "$srcdir"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

n=0
fail=0
report () {
  n=$((n + 1))
  if [ "$1" = ok ]; then
    echo "ok $n - $2"
  else
    echo "not ok $n - $2"
    fail=1
  fi
}

# 1. The catalogue compiles, and its format strings match their msgids.
if msgfmt --check --statistics -o "$tmp/es.mo" po/es.po 2>"$tmp/msgfmt.log"; then
  report ok "msgfmt --check po/es.po: $(tail -n 1 "$tmp/msgfmt.log")"
else
  sed 's/^/# /' "$tmp/msgfmt.log"
  report fail "msgfmt --check po/es.po"
fi

# 2. A fresh template. These are the keywords and flags of meson's
# i18n.gettext(preset: 'glib').
xgettext_args=(
  --package-name=bfg-console
  --from-code=UTF-8
  --add-comments
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format
  --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format
  --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format
  --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format
  --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format
  --flag=g_log:3:c-format --flag=g_print:1:c-format --flag=g_printerr:1:c-format
  --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format
  --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format
)
if xgettext "${xgettext_args[@]}" -D "$srcdir" -o "$tmp/fresh.pot" \
     --files-from=po/POTFILES.in 2>"$tmp/xgettext.log"; then
  report ok "a fresh template holds $(grep -c '^msgid ' "$tmp/fresh.pot") msgids"
else
  sed 's/^/# /' "$tmp/xgettext.log"
  report fail "xgettext over po/POTFILES.in"
  echo "1..$n"
  exit 1
fi

# A msgid that xgettext cut short ("%" from a G_GINT64_FORMAT macro
# inside _()) can never be translated at run time.
if grep -q 'ends in the middle of a directive\|is used without plural and with plural' "$tmp/xgettext.log"; then
  sed 's/^/# /' "$tmp/xgettext.log"
  report fail "xgettext found broken format msgids (use PRId64, not G_GINT64_FORMAT, inside _())"
else
  report ok "no msgid is cut short by a format macro"
fi

# 3. es.po against the fresh template.
msgmerge --quiet --no-wrap -o "$tmp/merged.po" po/es.po "$tmp/fresh.pot"

count () {
  # Entries other than the header; msgattrib writes no file when none is left.
  if [ -s "$1" ]; then
    awk '/^msgid / { n++ } END { print (n > 0 ? n - 1 : 0) }' "$1"
  else
    echo 0
  fi
}

msgattrib --untranslated --no-obsolete -o "$tmp/untranslated.po" "$tmp/merged.po"
untranslated="$(count "$tmp/untranslated.po")"
if [ "$untranslated" -eq 0 ]; then
  report ok "es.po leaves no message untranslated"
else
  grep -A1 '^msgid ' "$tmp/untranslated.po" | sed 's/^/# /'
  report fail "es.po leaves $untranslated message(s) untranslated; run meson compile bfg-console-update-po and translate them"
fi

msgattrib --only-fuzzy --no-obsolete -o "$tmp/fuzzy.po" "$tmp/merged.po"
fuzzy="$(count "$tmp/fuzzy.po")"
if [ "$fuzzy" -eq 0 ]; then
  report ok "es.po has no fuzzy message"
else
  grep -A1 '^msgid ' "$tmp/fuzzy.po" | sed 's/^/# /'
  report fail "es.po has $fuzzy fuzzy message(s)"
fi

# 4. Plural forms: the header declares them, and every plural entry fills
# both Spanish forms.
if grep -q '^"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' po/es.po; then
  report ok "es.po declares the Spanish plural forms"
else
  report fail "es.po lacks Plural-Forms: nplurals=2; plural=(n != 1);"
fi

echo "1..$n"
exit "$fail"
