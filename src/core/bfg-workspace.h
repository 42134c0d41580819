/* bfg-workspace.h: the workspace (ScenarioStore.v1 on sqlite)
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "bfg-types.h"

G_BEGIN_DECLS

/**
 * BFG_WORKSPACE_SCHEMA_VERSION:
 *
 * The `PRAGMA user_version` this program writes. Older workspaces are
 * migrated forward when opened writable; newer ones are refused.
 */
#define BFG_WORKSPACE_SCHEMA_VERSION 1

/**
 * BFG_WORKSPACE_CONTRACT:
 *
 * The store interface the workspace implements.
 */
#define BFG_WORKSPACE_CONTRACT "ScenarioStore.v1"

/**
 * BfgWorkspaceFlags:
 * @BFG_WORKSPACE_FLAGS_NONE: open read-write; create the demo workspace
 *   when the file does not exist
 * @BFG_WORKSPACE_FLAGS_READ_ONLY: open read-only; every change is refused
 * @BFG_WORKSPACE_FLAGS_NO_CREATE: refuse a missing file instead of creating
 *   the demo workspace
 *
 * How bfg_workspace_open() treats the file.
 */
typedef enum
{
  BFG_WORKSPACE_FLAGS_NONE      = 0,
  BFG_WORKSPACE_FLAGS_READ_ONLY = 1 << 0,
  BFG_WORKSPACE_FLAGS_NO_CREATE = 1 << 1,
} BfgWorkspaceFlags;

#define BFG_TYPE_WORKSPACE (bfg_workspace_get_type ())

G_DECLARE_FINAL_TYPE (BfgWorkspace, bfg_workspace, BFG, WORKSPACE, GObject)

char         *bfg_workspace_dup_default_path     (void);

BfgWorkspace *bfg_workspace_open                 (const char         *path,
                                                  BfgWorkspaceFlags   flags,
                                                  GError            **error);
gboolean      bfg_workspace_write_demo           (const char         *path,
                                                  gboolean            force,
                                                  GError            **error);

const char   *bfg_workspace_get_path             (BfgWorkspace       *self);
gboolean      bfg_workspace_is_read_only         (BfgWorkspace       *self);
const char   *bfg_workspace_get_warning          (BfgWorkspace       *self);
sqlite3      *bfg_workspace_get_db               (BfgWorkspace       *self);
void          bfg_workspace_lock                 (BfgWorkspace       *self);
void          bfg_workspace_unlock               (BfgWorkspace       *self);

gint64        bfg_workspace_get_data_version     (BfgWorkspace       *self);
gint64        bfg_workspace_count_rows           (BfgWorkspace       *self,
                                                  const char         *table);
gint64        bfg_workspace_get_audit_count      (BfgWorkspace       *self);
char         *bfg_workspace_dup_last_write       (BfgWorkspace       *self);
char         *bfg_workspace_dup_session_value    (BfgWorkspace       *self,
                                                  const char         *key);

gboolean      bfg_workspace_actor_exists         (BfgWorkspace       *self,
                                                  const char         *actor_id);
gboolean      bfg_workspace_actor_has_permission (BfgWorkspace       *self,
                                                  const char         *actor_id,
                                                  const char         *permission);
char         *bfg_workspace_dup_actor_name       (BfgWorkspace       *self,
                                                  const char         *actor_id);

gboolean      bfg_workspace_record               (BfgWorkspace       *self,
                                                  const char         *actor_id,
                                                  const char         *check_id,
                                                  const char         *note,
                                                  GError            **error);
gboolean      bfg_workspace_choose               (BfgWorkspace       *self,
                                                  const char         *actor_id,
                                                  const char         *check_id,
                                                  const char         *value,
                                                  GError            **error);
gboolean      bfg_workspace_accept               (BfgWorkspace       *self,
                                                  const char         *actor_id,
                                                  const char         *check_id,
                                                  const char         *note,
                                                  GError            **error);
gboolean      bfg_workspace_revoke               (BfgWorkspace       *self,
                                                  const char         *actor_id,
                                                  const char         *check_id,
                                                  GError            **error);
void          bfg_workspace_record_async         (BfgWorkspace        *self,
                                                  const char          *actor_id,
                                                  const char          *check_id,
                                                  const char          *note,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean      bfg_workspace_record_finish        (BfgWorkspace       *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);
void          bfg_workspace_choose_async         (BfgWorkspace        *self,
                                                  const char          *actor_id,
                                                  const char          *check_id,
                                                  const char          *value,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean      bfg_workspace_choose_finish        (BfgWorkspace       *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);
void          bfg_workspace_accept_async         (BfgWorkspace        *self,
                                                  const char          *actor_id,
                                                  const char          *check_id,
                                                  const char          *note,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean      bfg_workspace_accept_finish        (BfgWorkspace       *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);
void          bfg_workspace_revoke_async         (BfgWorkspace        *self,
                                                  const char          *actor_id,
                                                  const char          *check_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean      bfg_workspace_revoke_finish        (BfgWorkspace       *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);
gboolean      bfg_workspace_record_step_evidence (BfgWorkspace       *self,
                                                  const char         *actor_id,
                                                  const char         *check_id,
                                                  gboolean            passed,
                                                  const char         *value,
                                                  const char         *detail,
                                                  GError            **error);
char         *bfg_workspace_dup_accepted_value   (BfgWorkspace       *self,
                                                  const char         *check_id);

char         *bfg_workspace_get_setting          (BfgWorkspace       *self,
                                                  const char         *key);
gboolean      bfg_workspace_set_setting          (BfgWorkspace       *self,
                                                  const char         *actor_id,
                                                  const char         *key,
                                                  const char         *value,
                                                  GError            **error);
gboolean      bfg_workspace_append_audit         (BfgWorkspace       *self,
                                                  const char         *actor_id,
                                                  const char         *action,
                                                  const char         *check_id,
                                                  const char         *detail,
                                                  GError            **error);

G_END_DECLS
