/* bfg-types.c: the core's enumeration types
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bfg-types.h"

G_DEFINE_ENUM_TYPE (BfgCheckState, bfg_check_state,
  G_DEFINE_ENUM_VALUE (BFG_CHECK_STATE_BLOCKED, "blocked"),
  G_DEFINE_ENUM_VALUE (BFG_CHECK_STATE_NEXT, "next"),
  G_DEFINE_ENUM_VALUE (BFG_CHECK_STATE_REVIEW, "review"),
  G_DEFINE_ENUM_VALUE (BFG_CHECK_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (BFG_CHECK_STATE_STALE, "stale"))

G_DEFINE_ENUM_TYPE (BfgCheckKind, bfg_check_kind,
  G_DEFINE_ENUM_VALUE (BFG_CHECK_KIND_RECORDED, "recorded"),
  G_DEFINE_ENUM_VALUE (BFG_CHECK_KIND_CHOICE, "choice"),
  G_DEFINE_ENUM_VALUE (BFG_CHECK_KIND_ACCEPT_VALUE, "accept-value"),
  G_DEFINE_ENUM_VALUE (BFG_CHECK_KIND_ACCEPT_PACKET, "accept-packet"),
  G_DEFINE_ENUM_VALUE (BFG_CHECK_KIND_PROBE, "probe"),
  G_DEFINE_ENUM_VALUE (BFG_CHECK_KIND_DRYRUN, "dry-run"),
  G_DEFINE_ENUM_VALUE (BFG_CHECK_KIND_DRYRUN_BATCH, "dry-run-batch"),
  G_DEFINE_ENUM_VALUE (BFG_CHECK_KIND_DERIVED, "derived"),
  G_DEFINE_ENUM_VALUE (BFG_CHECK_KIND_FACT, "fact"))

G_DEFINE_ENUM_TYPE (BfgAction, bfg_action,
  G_DEFINE_ENUM_VALUE (BFG_ACTION_RECORD, "record"),
  G_DEFINE_ENUM_VALUE (BFG_ACTION_CHOOSE, "choose"),
  G_DEFINE_ENUM_VALUE (BFG_ACTION_ACCEPT, "accept"),
  G_DEFINE_ENUM_VALUE (BFG_ACTION_REVOKE, "revoke"),
  G_DEFINE_ENUM_VALUE (BFG_ACTION_RECORD_STEP, "record-step"))

/**
 * bfg_check_state_to_string:
 * @state: a check state
 *
 * Returns: the state's stable name, as bfgctl prints it ("ready", "next"…)
 */
const char *
bfg_check_state_to_string (BfgCheckState state)
{
  switch (state)
    {
    case BFG_CHECK_STATE_BLOCKED:
      return "blocked";
    case BFG_CHECK_STATE_NEXT:
      return "next";
    case BFG_CHECK_STATE_REVIEW:
      return "review";
    case BFG_CHECK_STATE_READY:
      return "ready";
    case BFG_CHECK_STATE_STALE:
      return "stale";
    default:
      g_return_val_if_reached ("blocked");
    }
}

/**
 * bfg_check_state_to_label:
 * @state: a check state
 *
 * Returns: the translated label of the state's pill
 */
const char *
bfg_check_state_to_label (BfgCheckState state)
{
  switch (state)
    {
    case BFG_CHECK_STATE_BLOCKED:
      return C_("check state", "Blocked");
    case BFG_CHECK_STATE_NEXT:
      return C_("check state", "Next");
    case BFG_CHECK_STATE_REVIEW:
      return C_("check state", "Review");
    case BFG_CHECK_STATE_READY:
      return C_("check state", "Ready");
    case BFG_CHECK_STATE_STALE:
      return C_("check state", "Stale");
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * bfg_check_kind_to_string:
 * @kind: a check kind
 *
 * Returns: the kind's stable name
 */
const char *
bfg_check_kind_to_string (BfgCheckKind kind)
{
  GEnumValue *value = g_enum_get_value (g_type_class_get (BFG_TYPE_CHECK_KIND),
                                        kind);

  return value != NULL ? value->value_nick : "unknown";
}

/**
 * bfg_format_local_time:
 * @iso8601: a time as the workspace stores it, UTC in ISO 8601
 *
 * The workspace keeps UTC ISO 8601 times, which are data; people read them
 * in their own time zone and in their locale's date and time format.
 *
 * Returns: (transfer full): the time for display, or a copy of @iso8601
 *   when it does not parse
 */
char *
bfg_format_local_time (const char *iso8601)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (iso8601 != NULL, NULL);

  utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (utc == NULL)
    return g_strdup (iso8601);
  local = g_date_time_to_local (utc);

  /* Translators: a date and time as g_date_time_format() writes it; %x
   * and %X are the locale's own date and time formats */
  return g_date_time_format (local, _("%x %X"));
}
