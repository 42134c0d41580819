/* bfg-audit.h: the append-only, hash-chained audit trail
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "bfg-types.h"

G_BEGIN_DECLS

/**
 * BFG_AUDIT_GENESIS_HASH:
 *
 * The previous hash of the first event.
 */
#define BFG_AUDIT_GENESIS_HASH \
  "0000000000000000000000000000000000000000000000000000000000000000"

/**
 * BfgAuditEvent:
 * @seq: the position in the chain, from 1
 * @time: when, in UTC ISO 8601
 * @actor: the acting actor's id
 * @action: what happened, such as "check.accept"
 * @check: the check it concerns, or %NULL
 * @detail: free text, never a secret, or %NULL
 * @prev_hash: the previous event's hash, hex
 * @hash: this event's hash, hex
 *
 * One audit event as stored.
 */
typedef struct
{
  gint64  seq;
  char   *time;
  char   *actor;
  char   *action;
  char   *check;
  char   *detail;
  char   *prev_hash;
  char   *hash;
} BfgAuditEvent;

/**
 * BfgAuditFunc:
 * @event: the event; valid only during the call
 * @user_data: the caller's data
 *
 * Called for each event by bfg_audit_foreach().
 *
 * Returns: %FALSE to stop
 */
typedef gboolean (*BfgAuditFunc) (const BfgAuditEvent *event,
                                  gpointer             user_data);

char     *bfg_audit_compute_hash (gint64               seq,
                                  const char          *time,
                                  const char          *actor,
                                  const char          *action,
                                  const char          *check,
                                  const char          *detail,
                                  const char          *prev_hash);
gint64    bfg_audit_append       (sqlite3             *db,
                                  const char          *actor,
                                  const char          *action,
                                  const char          *check,
                                  const char          *detail,
                                  GError             **error);
gboolean  bfg_audit_verify       (sqlite3             *db,
                                  gint64              *n_events,
                                  GError             **error);
gboolean  bfg_audit_foreach      (sqlite3             *db,
                                  gint64               after_seq,
                                  gint64               limit,
                                  BfgAuditFunc         func,
                                  gpointer             user_data,
                                  GError             **error);
gint64    bfg_audit_count        (sqlite3             *db);
char     *bfg_audit_dup_last_time (sqlite3            *db);

G_END_DECLS
