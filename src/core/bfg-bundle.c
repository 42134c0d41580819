/* bfg-bundle.c: review bundles, exported and verified offline
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bundle is a folder that only its owner can read: every packet as
 * NAME.txt and NAME.json, and manifest.json listing each of those files
 * with its size and SHA-256, the audit chain head that recorded the
 * export, who exported it and when. Verification needs nothing but the
 * folder, so a reviewer can run it on any machine.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-packets"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "bfg-audit.h"
#include "bfg-bundle.h"
#include "bfg-engine.h"
#include "bfg-packets.h"

#define DIR_MODE  0700
#define FILE_MODE 0600

typedef struct
{
  char  *name;
  gsize  size;
  char  *sha256;
} BundleFile;

static void
bundle_file_free (gpointer data)
{
  BundleFile *file = data;

  g_free (file->name);
  g_free (file->sha256);
  g_free (file);
}

/* Either a new folder or an empty one: files left from an earlier export
 * would be unlisted and make the bundle fail verification. */
static gboolean
prepare_dir (const char  *dir,
             GError     **error)
{
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GError) local_error = NULL;

  if (g_mkdir_with_parents (dir, DIR_MODE) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, BFG_BUNDLE_ERROR, BFG_BUNDLE_ERROR_IO,
                   _("%s: cannot create the folder: %s"), dir,
                   g_strerror (saved_errno));
      return FALSE;
    }

  listing = g_dir_open (dir, 0, &local_error);
  if (listing == NULL)
    {
      g_set_error (error, BFG_BUNDLE_ERROR, BFG_BUNDLE_ERROR_IO,
                   _("%s: cannot read the folder: %s"), dir,
                   local_error->message);
      return FALSE;
    }

  if (g_dir_read_name (listing) != NULL)
    {
      g_set_error (error, BFG_BUNDLE_ERROR, BFG_BUNDLE_ERROR_NOT_EMPTY,
                   _("%s: the folder is not empty; export into a new "
                     "folder"), dir);
      return FALSE;
    }

  /* An existing folder may have been made with a looser umask. */
  if (g_chmod (dir, DIR_MODE) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, BFG_BUNDLE_ERROR, BFG_BUNDLE_ERROR_IO,
                   _("%s: cannot restrict the folder: %s"), dir,
                   g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* Removes the files an unfinished export wrote. The folder stays: it may
 * be one the reviewer made for the bundle. */
static void
remove_written (const char *dir,
                GPtrArray  *files)
{
  for (guint i = 0; i < files->len; i++)
    {
      BundleFile *file = files->pdata[i];
      g_autofree char *path = g_build_filename (dir, file->name, NULL);

      g_unlink (path);
    }
}

static gboolean
write_file (const char  *dir,
            const char  *name,
            const char  *data,
            GPtrArray   *files,
            GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) local_error = NULL;
  gsize size = strlen (data);
  BundleFile *file;

  if (!g_file_set_contents_full (path, data, size,
                                 G_FILE_SET_CONTENTS_CONSISTENT, FILE_MODE,
                                 &local_error))
    {
      g_set_error (error, BFG_BUNDLE_ERROR, BFG_BUNDLE_ERROR_IO,
                   _("%s: cannot write: %s"), name, local_error->message);
      return FALSE;
    }

  if (files != NULL)
    {
      file = g_new0 (BundleFile, 1);
      file->name = g_strdup (name);
      file->size = size;
      file->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                  (const guchar *) data, size);
      g_ptr_array_add (files, file);
    }

  return TRUE;
}

/* The newest audit event, which the manifest names as the chain head. */
static gboolean
dup_audit_head (BfgWorkspace  *workspace,
                gint64        *seq,
                char         **hash)
{
  sqlite3 *db = bfg_workspace_get_db (workspace);
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  bfg_workspace_lock (workspace);

  if (sqlite3_prepare_v2 (db,
                          "select seq, hash from audit_events "
                          "order by seq desc limit 1",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      *seq = sqlite3_column_int64 (stmt, 0);
      *hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }

  sqlite3_finalize (stmt);
  bfg_workspace_unlock (workspace);

  return found;
}

static char *
build_manifest (BfgWorkspace *workspace,
                const char   *actor_id,
                gint64        head_seq,
                const char   *head_hash,
                GPtrArray    *files)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "bundle");
  json_builder_add_string_value (builder, BFG_BUNDLE_FORMAT);
  json_builder_set_member_name (builder, "workspace");
  json_builder_add_string_value (builder,
                                 bfg_workspace_get_path (workspace));
  json_builder_set_member_name (builder, "exported_by");
  json_builder_add_string_value (builder, actor_id);
  json_builder_set_member_name (builder, "exported_at");
  json_builder_add_string_value (builder, time);

  json_builder_set_member_name (builder, "audit_head");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seq");
  json_builder_add_int_value (builder, head_seq);
  json_builder_set_member_name (builder, "hash");
  json_builder_add_string_value (builder, head_hash);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; i < files->len; i++)
    {
      BundleFile *file = files->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, file->name);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, (gint64) file->size);
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, file->sha256);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json = json_generator_to_data (generator, NULL);

  return g_strconcat (json, "\n", NULL);
}

/* The audit detail names every packet with its checksum, so the trail
 * alone tells which exact documents left the workspace. */
static char *
export_detail (const char *dir,
               GPtrArray  *packets)
{
  GString *detail = g_string_new (NULL);

  g_string_append_printf (detail, "bundle %s:", dir);
  for (guint i = 0; i < packets->len; i++)
    g_string_append_printf (detail, " %s=%s",
                            bfg_packet_get_name (packets->pdata[i]),
                            bfg_packet_get_checksum (packets->pdata[i]));

  return g_string_free (detail, FALSE);
}

/**
 * bfg_bundle_export:
 * @workspace: a workspace
 * @actor_id: the exporting actor, who needs %BFG_BUNDLE_PERMISSION
 * @dir: a folder that does not exist yet or is empty
 * @manifest_sha256: (out) (optional): where to store the SHA-256 of the
 *   manifest written
 * @error: return location for a #BFG_RBAC_ERROR or #BFG_BUNDLE_ERROR
 *
 * Exports a review bundle: every packet as text and JSON, rendered from
 * one evaluation, and manifest.json. The folder is created 0700 and each
 * file 0600. The export is recorded in the audit trail with each packet's
 * checksum; the manifest names the resulting chain head.
 *
 * Returns: %TRUE on success
 */
gboolean
bfg_bundle_export (BfgWorkspace  *workspace,
                   const char    *actor_id,
                   const char    *dir,
                   char         **manifest_sha256,
                   GError       **error)
{
  g_autoptr(GPtrArray) packets = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *head_hash = NULL;
  g_autofree char *manifest = NULL;
  gint64 head_seq = 0;

  g_return_val_if_fail (BFG_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (actor_id != NULL, FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!bfg_workspace_actor_exists (workspace, actor_id))
    {
      g_set_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_UNKNOWN_ACTOR,
                   _("There is no actor “%s” in this workspace"), actor_id);
      return FALSE;
    }

  if (!bfg_workspace_actor_has_permission (workspace, actor_id,
                                           BFG_BUNDLE_PERMISSION))
    {
      g_autofree char *name = bfg_workspace_dup_actor_name (workspace,
                                                            actor_id);

      g_set_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_PERMISSION_DENIED,
                   /* Translators: the second %s is a permission id,
                    * such as bundle.export; keep it as is. */
                   _("%s lacks %s"), name != NULL ? name : actor_id,
                   BFG_BUNDLE_PERMISSION);
      return FALSE;
    }

  packets = bfg_packets_render_all (workspace, NULL, error);
  if (packets == NULL)
    return FALSE;

  if (!prepare_dir (dir, error))
    return FALSE;

  files = g_ptr_array_new_with_free_func (bundle_file_free);
  for (guint i = 0; i < packets->len; i++)
    {
      BfgPacket *packet = packets->pdata[i];
      g_autofree char *txt = g_strconcat (bfg_packet_get_name (packet),
                                          ".txt", NULL);
      g_autofree char *json = g_strconcat (bfg_packet_get_name (packet),
                                           ".json", NULL);

      if (!write_file (dir, txt, bfg_packet_get_text (packet), files, error) ||
          !write_file (dir, json, bfg_packet_get_json (packet), files, error))
        {
          remove_written (dir, files);
          return FALSE;
        }
    }

  /* Recorded before the manifest is written, so that the manifest can
   * name the event that recorded it as the chain head. An export that
   * cannot be audited (a read-only or full workspace) is no export: its
   * files go again, so no unrecorded bundle is left for a reviewer. */
  detail = export_detail (dir, packets);
  if (!bfg_workspace_append_audit (workspace, actor_id, "bundle.export", NULL,
                                   detail, error))
    {
      remove_written (dir, files);
      return FALSE;
    }

  if (!dup_audit_head (workspace, &head_seq, &head_hash))
    head_hash = g_strdup (BFG_AUDIT_GENESIS_HASH);

  manifest = build_manifest (workspace, actor_id, head_seq, head_hash, files);
  if (!write_file (dir, BFG_BUNDLE_MANIFEST, manifest, NULL, error))
    return FALSE;

  g_debug ("Exported %u packets to %s", packets->len, dir);

  if (manifest_sha256 != NULL)
    *manifest_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                      manifest, -1);

  return TRUE;
}

static gboolean
manifest_error (GError     **error,
                const char  *why)
{
  g_set_error (error, BFG_BUNDLE_ERROR, BFG_BUNDLE_ERROR_MANIFEST,
               _("%s: %s"), BFG_BUNDLE_MANIFEST, why);
  return FALSE;
}

static gboolean
is_sha256_hex (const char *text)
{
  if (strlen (text) != 64)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;

  return TRUE;
}

/* A listed name must be a plain file in the folder itself: a path could
 * make verification read, and vouch for, a file outside the bundle. */
static gboolean
is_plain_name (const char *name)
{
  return name[0] != '\0' && name[0] != '.' && strchr (name, '/') == NULL &&
         strchr (name, '\\') == NULL &&
         !g_str_equal (name, BFG_BUNDLE_MANIFEST);
}

static gboolean
get_string_member (JsonObject  *object,
                   const char  *member,
                   const char **value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_int_member (JsonObject *object,
                const char *member,
                gint64     *value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_int (node);
  return TRUE;
}

/* Parses manifest.json into its list of files, refusing anything that is
 * not exactly the shape bfg_bundle_export() writes. */
static GPtrArray *
read_manifest (const char  *dir,
               GError     **error)
{
  g_autofree char *path = g_build_filename (dir, BFG_BUNDLE_MANIFEST, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GHashTable) seen = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonObject *head;
  JsonArray *array;
  const char *text;
  gsize length;
  gint64 number;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      manifest_error (error, local_error->message);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, contents, length, &local_error))
    {
      g_autofree char *why = g_strdup_printf (_("not valid JSON: %s"),
                                              local_error->message);

      manifest_error (error, why);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      manifest_error (error, _("not a JSON object"));
      return NULL;
    }

  object = json_node_get_object (root);
  if (!get_string_member (object, "bundle", &text) ||
      !g_str_equal (text, BFG_BUNDLE_FORMAT))
    {
      manifest_error (error, _("not a BFGReviewBundle.v1 manifest"));
      return NULL;
    }

  if (!get_string_member (object, "exported_by", &text) ||
      !get_string_member (object, "exported_at", &text) ||
      !json_object_has_member (object, "audit_head") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "audit_head")))
    {
      manifest_error (error, _("the exporting actor, time or audit head is "
                               "missing"));
      return NULL;
    }

  head = json_object_get_object_member (object, "audit_head");
  if (!get_int_member (head, "seq", &number) ||
      !get_string_member (head, "hash", &text) || !is_sha256_hex (text))
    {
      manifest_error (error, _("the audit head is malformed"));
      return NULL;
    }

  if (!json_object_has_member (object, "files") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "files")))
    {
      manifest_error (error, _("the list of files is missing"));
      return NULL;
    }

  array = json_object_get_array_member (object, "files");
  files = g_ptr_array_new_with_free_func (bundle_file_free);
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *entry;
      const char *name;
      const char *sha256;
      gint64 size;
      BundleFile *file;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          manifest_error (error, _("a file entry is not an object"));
          return NULL;
        }

      entry = json_node_get_object (node);
      if (!get_string_member (entry, "name", &name) || !is_plain_name (name) ||
          !get_int_member (entry, "size", &size) || size < 0 ||
          !get_string_member (entry, "sha256", &sha256) ||
          !is_sha256_hex (sha256))
        {
          manifest_error (error, _("a file entry is malformed"));
          return NULL;
        }

      if (g_hash_table_contains (seen, name))
        {
          manifest_error (error, _("a file is listed twice"));
          return NULL;
        }

      file = g_new0 (BundleFile, 1);
      file->name = g_strdup (name);
      file->size = (gsize) size;
      file->sha256 = g_strdup (sha256);
      g_ptr_array_add (files, file);
      g_hash_table_add (seen, file->name);
    }

  if (files->len == 0)
    {
      manifest_error (error, _("no file is listed"));
      return NULL;
    }

  return g_steal_pointer (&files);
}

static gboolean
verify_file (const char  *dir,
             BundleFile  *file,
             GError     **error)
{
  g_autofree char *path = g_build_filename (dir, file->name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
      g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_set_error (error, BFG_BUNDLE_ERROR, BFG_BUNDLE_ERROR_MISSING_FILE,
                   _("%s: listed in %s but missing"), file->name,
                   BFG_BUNDLE_MANIFEST);
      return FALSE;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, BFG_BUNDLE_ERROR, BFG_BUNDLE_ERROR_IO,
                   _("%s: %s"), file->name, local_error->message);
      return FALSE;
    }

  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                        (const guchar *) contents, length);
  if (length != file->size || !g_str_equal (sha256, file->sha256))
    {
      g_set_error (error, BFG_BUNDLE_ERROR, BFG_BUNDLE_ERROR_MODIFIED,
                   _("%s: changed since export (SHA-256 %s, %s expects %s)"),
                   file->name, sha256, BFG_BUNDLE_MANIFEST, file->sha256);
      return FALSE;
    }

  return TRUE;
}

/**
 * bfg_bundle_verify:
 * @dir: a bundle folder
 * @error: return location for a #BFG_BUNDLE_ERROR naming the file
 *
 * Re-checks a bundle without any workspace: manifest.json must be a
 * well-formed manifest, every file it lists must be there with the listed
 * size and SHA-256, and the folder must hold no other file.
 *
 * Returns: %TRUE when every file matches
 */
gboolean
bfg_bundle_verify (const char  *dir,
                   GError     **error)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GHashTable) listed = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  files = read_manifest (dir, error);
  if (files == NULL)
    return FALSE;

  listed = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < files->len; i++)
    {
      BundleFile *file = files->pdata[i];

      if (!verify_file (dir, file, error))
        return FALSE;
      g_hash_table_add (listed, file->name);
    }

  listing = g_dir_open (dir, 0, &local_error);
  if (listing == NULL)
    {
      g_set_error (error, BFG_BUNDLE_ERROR, BFG_BUNDLE_ERROR_IO,
                   _("%s: %s"), dir, local_error->message);
      return FALSE;
    }

  /* g_dir_read_name() order depends on the file system; any extra file
   * fails, so the order only decides which one is named first. */
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      if (g_str_equal (name, BFG_BUNDLE_MANIFEST) ||
          g_hash_table_contains (listed, name))
        continue;

      g_set_error (error, BFG_BUNDLE_ERROR, BFG_BUNDLE_ERROR_UNLISTED,
                   _("%s: not listed in %s"), name, BFG_BUNDLE_MANIFEST);
      return FALSE;
    }

  return TRUE;
}
