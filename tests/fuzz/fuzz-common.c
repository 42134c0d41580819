/* fuzz-common.c: a private scratch folder and strict logging for harnesses
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "fuzz-common.h"

static char *tmpdir;

/* A warning or critical is a precondition that hostile input reached:
 * GLib code treats them as programmer errors, so a harness does too. The
 * default writer would also print every debug message when the
 * environment asks for it, which slows fuzzing to a crawl. */
static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      abort ();
    }

  return G_LOG_WRITER_HANDLED;
}

static void
remove_tmpdir (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (tmpdir == NULL)
    return;

  dir = g_dir_open (tmpdir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);

      /* Harness folders hold files one level deep, no more. */
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) sub = g_dir_open (path, 0, NULL);
          const char *inner;

          while (sub != NULL && (inner = g_dir_read_name (sub)) != NULL)
            {
              g_autofree char *child = g_build_filename (path, inner, NULL);

              g_unlink (child);
            }
          g_rmdir (path);
        }
      else
        g_unlink (path);
    }
  g_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

/**
 * fuzz_common_init:
 *
 * Makes a private scratch folder, points the XDG folders into it so that
 * no harness touches the user's own workspace or settings, and makes
 * warnings fatal. Safe to call more than once.
 */
void
fuzz_common_init (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;

  if (tmpdir != NULL)
    return;

  tmpdir = g_dir_make_tmp ("bfg-fuzz-XXXXXX", &error);
  if (tmpdir == NULL)
    {
      g_printerr ("fuzz: no scratch folder: %s\n", error->message);
      exit (1);
    }
  atexit (remove_tmpdir);

  data = g_build_filename (tmpdir, "data", NULL);
  config = g_build_filename (tmpdir, "config", NULL);
  g_mkdir (data, 0700);
  g_mkdir (config, 0700);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}

/**
 * fuzz_common_tmpdir:
 *
 * Returns: the scratch folder made by fuzz_common_init()
 */
const char *
fuzz_common_tmpdir (void)
{
  g_assert (tmpdir != NULL);

  return tmpdir;
}

/**
 * fuzz_common_write:
 * @path: the file to replace
 * @data: the bytes
 * @size: how many
 *
 * Writes @data to @path with plain write(2): g_file_set_contents() would
 * fsync, and a harness writes thousands of files a second.
 *
 * Returns: %TRUE when every byte was written
 */
gboolean
fuzz_common_write (const char    *path,
                   const uint8_t *data,
                   size_t         size)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  size_t done = 0;

  if (fd < 0)
    return FALSE;

  while (done < size)
    {
      ssize_t n = write (fd, data + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          close (fd);
          return FALSE;
        }
      done += (size_t) n;
    }

  return close (fd) == 0;
}
