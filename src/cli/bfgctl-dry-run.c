/* bfgctl-dry-run.c: bfgctl dry-run --as ACTOR [--json]
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <glib-unix.h>
#include <stdio.h>
#include <string.h>

#include "bfg-connection.h"
#include "bfg-dry-run.h"
#include "bfgctl.h"

/* The password comes from stdin when asked, so that it never shows in
 * argv; otherwise the dry-run asks the keyring itself. */
static char *
read_password (void)
{
  char buffer[1024];
  char *password;

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    return NULL;

  password = g_strndup (buffer, strcspn (buffer, "\r\n"));
  explicit_bzero (buffer, sizeof buffer);

  return password;
}

static void
on_progress (const char *step_id,
             guint64     rows,
             guint64     total,
             double      rows_per_second,
             gpointer    user_data)
{
  gboolean *quiet = user_data;

  if (*quiet)
    return;

  if (total > 0)
    {
      /* The carriage return stays out of the message: translators never
       * see control characters. */
      g_printerr ("\r");
      /* Translators: progress on a terminal: a step id (kept as is), rows
       * done, the step's total rows, then rows per second; keep the widths */
      g_printerr (_("%-20s %'12" PRIu64 " / %'" PRIu64
                    " rows  %'10.0f rows/s"), step_id, rows, total, rows_per_second);
    }
  else
    g_printerr ("\r%-20s %60s", step_id, "");
}

static gboolean
on_signal_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_CONTINUE;
}

typedef struct
{
  GMainLoop       *loop;
  BfgDryRunResult *result;
  GError          *error;
} Wait;

static void
on_dry_run_done_cb (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = bfg_dry_run_finish (BFG_WORKSPACE (source), res, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
print_result (BfgDryRunResult *result,
              gboolean         json)
{
  if (json)
    {
      printf ("%s\n", bfg_dry_run_result_get_transcript (result));
      return;
    }

  printf ("%s  %s\n", bfg_dry_run_result_get_target (result),
          bfg_dry_run_result_get_replay_id (result)
            ? bfg_dry_run_result_get_replay_id (result) : "");
  for (const char * const *id = bfg_dry_run_step_ids (); *id != NULL; id++)
    /* Translators: a step id and its status (both kept as they are), its
     * duration, the rows it handled, then its detail; keep the widths */
    printf (_("%-20s %-9s %'8" PRId64 " ms %'10" PRId64
              " rows  %s\n"), *id,
            bfg_dry_run_status_to_string (bfg_dry_run_result_get_step_status (result, *id)),
            bfg_dry_run_result_get_step_ms (result, *id),
            bfg_dry_run_result_get_step_rows (result, *id),
            bfg_dry_run_result_get_step_detail (result, *id));
}

static int
dry_run_command (BfgctlContext  *ctx,
                 int             argc,
                 char          **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfgDryRunOptions) options = NULL;
  g_autoptr(BfgDryRunResult) result = NULL;
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *actor = NULL;
  gboolean json = FALSE;
  gboolean local = FALSE;
  gboolean password_stdin = FALSE;
  gboolean quiet;
  BfgWorkspace *workspace;
  Wait wait = { NULL, NULL, NULL };
  guint sigint_id;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &actor, N_("Acting actor"), "ACTOR" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the transcript as JSON"), NULL },
    { "local", 0, 0, G_OPTION_ARG_NONE, &local,
      N_("Rehearse against a local sqlite target even when an endpoint is set"),
      NULL },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("Read the password from standard input instead of the keyring"), NULL },
    { NULL }
  };

  if (!bfgctl_parse_options (NULL, entries, &argc, &argv, &error))
    return bfgctl_usage ("%s", error->message);

  if (actor == NULL)
    return bfgctl_usage (_("dry-run needs --as ACTOR"));
  if (argc != 1)
    return bfgctl_usage (_("dry-run takes no arguments"));

  workspace = bfgctl_open_workspace (ctx, TRUE, &error);
  if (workspace == NULL)
    return bfgctl_fail (error);

  options = bfg_dry_run_options_new (actor);
  if (!local)
    {
      endpoint = bfg_connection_load_endpoint (workspace, &error);
      if (error != NULL)
        return bfgctl_fail (error);
      bfg_dry_run_options_set_endpoint (options, endpoint);
    }
  if (password_stdin)
    {
      g_autofree char *password = read_password ();

      if (password == NULL || password[0] == '\0')
        return bfgctl_usage (_("--password-stdin read no password"));
      bfg_dry_run_options_set_password (options, password);
      explicit_bzero (password, strlen (password));
    }

  /* Progress goes to stderr only when someone watches it. */
  quiet = !isatty (fileno (stderr));
  bfg_dry_run_options_set_progress (options, on_progress, &quiet, NULL);

  /* The run works in a thread while this one keeps a main loop, so that
   * Ctrl+C cancels: the replay is rolled back and the run is recorded. */
  wait.loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, on_signal_cb, cancellable);
  bfg_dry_run_async (workspace, options, cancellable, on_dry_run_done_cb, &wait);
  g_main_loop_run (wait.loop);
  g_source_remove (sigint_id);
  g_main_loop_unref (wait.loop);
  result = wait.result;
  if (wait.error != NULL)
    g_propagate_error (&error, wait.error);
  if (!quiet)
    g_printerr ("\r%80s\r", "");

  if (result == NULL)
    return bfgctl_fail (error);

  print_result (result, json);

  return bfg_dry_run_result_get_passed (result) ? BFGCTL_EXIT_OK
                                                : BFGCTL_EXIT_FAILED;
}

BFGCTL_REGISTER_COMMAND ("dry-run", dry_run_command,
                         N_("Run the five-step adapter dry-run and record it"))
