/* bfg-types.h: forward declarations and enumerations shared by the core
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _BfgWorkspace BfgWorkspace;
typedef struct _BfgEngine BfgEngine;
typedef struct _BfgEval BfgEval;
typedef struct _BfgCheck BfgCheck;
typedef struct _BfgSection BfgSection;
typedef struct _BfgActor BfgActor;
typedef struct _BfgProvider BfgProvider;
typedef struct _BfgDecisions BfgDecisions;

/**
 * BfgCheckState:
 * @BFG_CHECK_STATE_BLOCKED: something the check requires is not ready
 * @BFG_CHECK_STATE_NEXT: the check can be acted on now
 * @BFG_CHECK_STATE_REVIEW: evidence is recorded and waits for the owner
 * @BFG_CHECK_STATE_READY: the check is done
 * @BFG_CHECK_STATE_STALE: accepted, but the evidence changed afterwards
 *
 * The state of one check, as the engine computes it.
 */
typedef enum
{
  BFG_CHECK_STATE_BLOCKED,
  BFG_CHECK_STATE_NEXT,
  BFG_CHECK_STATE_REVIEW,
  BFG_CHECK_STATE_READY,
  BFG_CHECK_STATE_STALE,
} BfgCheckState;

/**
 * BfgCheckKind:
 * @BFG_CHECK_KIND_RECORDED: someone records evidence (a note); the owner
 *   accepts it
 * @BFG_CHECK_KIND_CHOICE: someone chooses a value; the owner accepts it
 * @BFG_CHECK_KIND_ACCEPT_VALUE: the owner accepts a value computed from the
 *   workspace; there is no record step
 * @BFG_CHECK_KIND_ACCEPT_PACKET: like @BFG_CHECK_KIND_ACCEPT_VALUE, but the
 *   value is a packet's checksum
 * @BFG_CHECK_KIND_PROBE: evidence is a connection probe step; the owner
 *   accepts a passing result
 * @BFG_CHECK_KIND_DRYRUN: evidence is a dry-run step; the owner accepts a
 *   passing result
 * @BFG_CHECK_KIND_DRYRUN_BATCH: ready when the latest dry-run replay verified
 *   the batch's tables; nobody signs it
 * @BFG_CHECK_KIND_DERIVED: no evidence of its own; follows its inputs
 * @BFG_CHECK_KIND_FACT: ready when a recorded fact of the workspace holds
 *
 * Where a check's evidence comes from.
 */
typedef enum
{
  BFG_CHECK_KIND_RECORDED,
  BFG_CHECK_KIND_CHOICE,
  BFG_CHECK_KIND_ACCEPT_VALUE,
  BFG_CHECK_KIND_ACCEPT_PACKET,
  BFG_CHECK_KIND_PROBE,
  BFG_CHECK_KIND_DRYRUN,
  BFG_CHECK_KIND_DRYRUN_BATCH,
  BFG_CHECK_KIND_DERIVED,
  BFG_CHECK_KIND_FACT,
} BfgCheckKind;

/**
 * BfgAction:
 * @BFG_ACTION_RECORD: record evidence (a note) for a check
 * @BFG_ACTION_CHOOSE: choose a value for a check
 * @BFG_ACTION_ACCEPT: accept the current evidence of a check
 * @BFG_ACTION_REVOKE: revoke the active acceptance of a check
 * @BFG_ACTION_RECORD_STEP: record a probe or dry-run step result
 *
 * The transitions an actor can ask of a check.
 */
typedef enum
{
  BFG_ACTION_RECORD,
  BFG_ACTION_CHOOSE,
  BFG_ACTION_ACCEPT,
  BFG_ACTION_REVOKE,
  BFG_ACTION_RECORD_STEP,
} BfgAction;

#define BFG_TYPE_CHECK_STATE (bfg_check_state_get_type ())
#define BFG_TYPE_CHECK_KIND (bfg_check_kind_get_type ())
#define BFG_TYPE_ACTION (bfg_action_get_type ())

GType        bfg_check_state_get_type  (void) G_GNUC_CONST;
GType        bfg_check_kind_get_type   (void) G_GNUC_CONST;
GType        bfg_action_get_type       (void) G_GNUC_CONST;

const char  *bfg_check_state_to_string (BfgCheckState state);
const char  *bfg_check_state_to_label  (BfgCheckState state);
const char  *bfg_check_kind_to_string  (BfgCheckKind kind);

char        *bfg_format_local_time     (const char  *iso8601);

G_END_DECLS
