/* test-core-util.h: small helpers shared by the core's tests
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <glib/gstdio.h>

#include "bfg-core.h"

#define ANNA  "user_md_anna"
#define MAREK "user_dispatcher_marek"
#define OLENA "user_accountant_olena"
#define PETRO "driver_tarasenko"

/* A fresh directory under the test's tmp dir; removed by the caller's
 * test fixture or left for inspection on failure. */
static inline char *
test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("bfg-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
test_remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                        NULL, NULL);
  while (children != NULL &&
         (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path,
                                                 g_file_info_get_name (info),
                                                 NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        test_remove_tree (child);
      else
        g_unlink (child);
      g_object_unref (info);
    }

  g_rmdir (path);
}

static inline BfgWorkspace *
test_open_demo (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite", NULL);
  BfgWorkspace *workspace;

  workspace = bfg_workspace_open (path, BFG_WORKSPACE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (workspace);

  return workspace;
}

/* The demo workspace in a fresh directory, and its engine: the fixture of
 * the tests that drive checks through the engine. */
typedef struct
{
  char         *dir;
  BfgWorkspace *ws;
  BfgEngine    *engine;
} TestEngineFixture;

static inline void
test_engine_fixture_setup (TestEngineFixture *f,
                           gconstpointer      data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_dir ();
  f->ws = test_open_demo (f->dir);
  f->engine = bfg_engine_new (f->ws, &error);
  g_assert_no_error (error);
}

/* The engine and the workspace must be gone by now: a leaked reference
 * would keep the database open after the test. */
static inline void
test_engine_fixture_teardown (TestEngineFixture *f,
                              gconstpointer      data)
{
  g_assert_finalize_object (f->engine);
  g_assert_finalize_object (f->ws);
  test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Every message of every domain, debug included, is kept so that a test
 * can prove no secret ever reaches a log. Warnings and worse also go to
 * the default writer, where fatal-warnings stops the test. */
typedef struct
{
  GMutex   lock;
  GString *text;
} TestLogCapture;

static inline GLogWriterOutput
test_log_capture_writer (GLogLevelFlags   level,
                         const GLogField *fields,
                         gsize            n_fields,
                         gpointer         user_data)
{
  TestLogCapture *capture = user_data;

  g_mutex_lock (&capture->lock);
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
        g_string_append_printf (capture->text, "%s\n", (const char *) fields[i].value);
    }
  g_mutex_unlock (&capture->lock);

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, NULL);

  return G_LOG_WRITER_HANDLED;
}

/* Once per process, before the first test: GLib takes one writer only. */
static inline void
test_log_capture_start (TestLogCapture *capture)
{
  capture->text = g_string_new (NULL);
  g_log_set_writer_func (test_log_capture_writer, capture, NULL);
}

static inline void
test_log_capture_assert_lacks (TestLogCapture *capture,
                               const char     *secret)
{
  g_mutex_lock (&capture->lock);
  g_assert_null (strstr (capture->text->str, secret));
  g_mutex_unlock (&capture->lock);
}

static inline void
test_assert_counts (BfgEngine  *engine,
                    const char *section_id,
                    guint       ready,
                    guint       total)
{
  BfgSection *section = bfg_engine_get_section (engine, section_id);

  g_assert_nonnull (section);
  if (bfg_section_get_ready (section) != ready ||
      bfg_section_get_total (section) != total)
    g_error ("section %s is %u/%u, expected %u/%u", section_id,
             bfg_section_get_ready (section), bfg_section_get_total (section),
             ready, total);
}

static inline void
test_ok (gboolean  ok,
         GError   *error)
{
  g_assert_no_error (error);
  g_assert_true (ok);
}

/* Evidence from one actor, acceptance from the owner. */
static inline void
test_record_accept (BfgWorkspace *ws,
                    const char   *recorder,
                    const char   *owner,
                    const char   *check_id)
{
  GError *error = NULL;

  test_ok (bfg_workspace_record (ws, recorder, check_id, "rehearsed", &error),
           error);
  test_ok (bfg_workspace_accept (ws, owner, check_id, NULL, &error), error);
}

static inline void
test_step_accept (BfgWorkspace *ws,
                  const char   *recorder,
                  const char   *owner,
                  const char   *check_id,
                  const char   *value)
{
  GError *error = NULL;

  test_ok (bfg_workspace_record_step_evidence (ws, recorder, check_id, TRUE,
                                               value, "passed in 12 ms",
                                               &error), error);
  test_ok (bfg_workspace_accept (ws, owner, check_id, NULL, &error), error);
}

static inline void
test_accept (BfgWorkspace *ws,
             const char   *owner,
             const char   *check_id)
{
  GError *error = NULL;

  test_ok (bfg_workspace_accept (ws, owner, check_id, NULL, &error), error);
}
