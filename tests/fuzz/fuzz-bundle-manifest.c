/* fuzz-bundle-manifest.c: the manifest of a review bundle, verified
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reviewer runs `bfgctl verify` on a folder that came from elsewhere,
 * so its manifest.json is hostile input. The input becomes that file in
 * a folder that also holds two packets the seed manifests list; whatever
 * the manifest says, verification must not crash, must not read outside
 * the folder, and must say no unless every listed file matches.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include <json-glib/json-glib.h>

#include "bfg-bundle.h"
#include "fuzz-common.h"

/* The two packets every seed manifest lists, with their exact bytes. */
static const char packet_a[] = "BFGScenarioSnapshot.v1\nchecksum bfg-00000000\n";
static const char packet_b[] = "{\"schema\":\"ProductionRollbackDrill\"}\n";

/* A file beside the folder, with bytes no file inside has. */
static const char outside_bytes[] = "outside the bundle\n";
static char *outside_sha256;

static char *bundle_dir;
static char *manifest_path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *outside = NULL;

  fuzz_common_init ();

  bundle_dir = g_build_filename (fuzz_common_tmpdir (), "bundle", NULL);
  g_mkdir (bundle_dir, 0700);
  manifest_path = g_build_filename (bundle_dir, "manifest.json", NULL);

  a = g_build_filename (bundle_dir, "snapshot.txt", NULL);
  b = g_build_filename (bundle_dir, "rollback.json", NULL);
  fuzz_common_write (a, (const uint8_t *) packet_a, strlen (packet_a));
  fuzz_common_write (b, (const uint8_t *) packet_b, strlen (packet_b));

  /* A manifest that vouches for this file by a path such as
   * "../outside.txt" must be refused. */
  outside = g_build_filename (fuzz_common_tmpdir (), "outside.txt", NULL);
  fuzz_common_write (outside, (const uint8_t *) outside_bytes,
                     strlen (outside_bytes));
  outside_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                  outside_bytes, -1);

  return 0;
}

/* Only the file outside has this digest: a manifest that passed with it
 * on a listed file made verification read, and vouch for, that file.
 * Other members may hold the same text (the fuzzer learns it from the
 * comparisons), so only the files' own digests count. */
static gboolean
lists_outside (const uint8_t *data,
               size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *files;

  if (!json_parser_load_from_data (parser, (const char *) data,
                                   (gssize) size, NULL))
    abort ();

  root = json_node_get_object (json_parser_get_root (parser));
  files = json_object_get_array_member (root, "files");
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *file = json_array_get_object_element (files, i);

      if (g_strcmp0 (json_object_get_string_member (file, "sha256"),
                     outside_sha256) == 0)
        return TRUE;
    }

  return FALSE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!fuzz_common_write (manifest_path, data, size))
    abort ();

  ok = bfg_bundle_verify (bundle_dir, &error);
  if (ok == (error != NULL))
    abort ();

  /* Nothing outside the folder may be vouched for. */
  if (ok && lists_outside (data, size))
    {
      g_printerr ("fuzz-bundle-manifest: a file outside the bundle passed\n");
      abort ();
    }

  return 0;
}
