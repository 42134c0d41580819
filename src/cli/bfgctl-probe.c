/* bfgctl-probe.c: bfgctl probe
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "bfgctl.h"
#include "bfg-connection.h"
#include "bfg-secret.h"

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

/* The password comes from stdin when asked, else from the keyring. When
 * the keyring is unusable the probe still runs and reports why. */
static void
add_password (BfgProbeOptions *options,
              gboolean         from_stdin)
{
  BfgEndpoint *endpoint = bfg_probe_options_get_endpoint (options);
  g_autoptr(GError) error = NULL;
  char *password;

  password = from_stdin ? read_password ()
                        : bfg_secret_lookup_sync (endpoint, NULL, &error);
  if (password != NULL)
    {
      bfg_probe_options_set_password (options, password);
      secret_password_free (password);
      return;
    }

  if (error == NULL)
    error = g_error_new_literal (BFG_SECRET_ERROR, BFG_SECRET_ERROR_FAILED,
                                 _("No password is stored for this endpoint; run "
                                   "bfgctl endpoint set --password-stdin"));
  bfg_probe_options_set_password_error (options, error);
}

static void
print_step (const char     *step_id,
            BfgProbeStatus  status,
            gint64          ms,
            const char     *detail)
{
  g_print ("%-13s %-8s %6" G_GINT64_FORMAT " ms  %s\n", step_id,
           bfg_probe_status_to_string (status), ms, detail);
}

/* Each step is printed as it ends, so that a slow endpoint shows where it
 * stalls; the lines are the ones the result would print. */
static void
on_probe_progress_cb (BfgProbeEvent   event,
                      const char     *step_id,
                      BfgProbeStatus  status,
                      gint64          ms,
                      const char     *detail,
                      gpointer        user_data)
{
  if (event != BFG_PROBE_EVENT_STEP_FINISHED)
    return;

  print_step (step_id, status, ms, detail);
  fflush (stdout);
}

static int
probe_command (BfgctlContext  *ctx,
               int             argc,
               char          **argv)
{
  g_autofree char *actor = NULL;
  gboolean json = FALSE;
  gboolean password_stdin = FALSE;
  int timeout = BFG_PROBE_DEFAULT_CONNECT_TIMEOUT_SECONDS;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &actor, N_("Acting actor"), "ACTOR" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("Read the password from standard input instead of the keyring"), NULL },
    { "connect-timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_("Seconds allowed to connect (5)"), "S" },
    { NULL }
  };
  g_autoptr(BfgProbeOptions) options = NULL;
  g_autoptr(BfgProbeResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BfgWorkspace *workspace;

  if (!bfgctl_parse_options (NULL, entries, &argc, &argv, &error))
    return bfgctl_usage ("%s", error->message);

  if (actor == NULL)
    return bfgctl_usage (_("probe needs --as ACTOR"));

  if (timeout <= 0)
    return bfgctl_usage (_("--connect-timeout must be positive"));

  workspace = bfgctl_open_workspace (ctx, TRUE, &error);
  if (workspace == NULL)
    return bfgctl_fail (error);

  options = bfg_connection_prepare_probe (workspace, &error);
  if (options == NULL)
    return bfgctl_fail (error);
  bfg_probe_options_set_connect_timeout (options, (guint) timeout);
  add_password (options, password_stdin);

  if (!json)
    {
      g_autofree char *uri = NULL;

      uri = bfg_endpoint_to_redacted_uri (bfg_probe_options_get_endpoint (options));
      g_print ("%s\n", uri);
      fflush (stdout);
      bfg_probe_options_set_progress_func (options, on_probe_progress_cb, NULL, NULL);
    }

  result = bfg_probe_run_sync (options, NULL, &error);
  if (result == NULL)
    return bfgctl_fail (error);

  if (!bfg_connection_record_result (workspace, actor, result, &error))
    return bfgctl_fail (error);

  if (json)
    {
      g_autoptr(JsonNode) node = bfg_probe_result_to_json_node (result);

      bfgctl_print_json (node);
    }
  else
    {
      /* Translators: %s is a SHA-256 fingerprint, or "-" */
      g_print (_("fingerprint %s\n"), bfg_probe_result_get_fingerprint (result) ?: "-");
    }

  return bfg_probe_result_get_passed (result) ? BFGCTL_EXIT_OK : BFGCTL_EXIT_FAILED;
}

BFGCTL_REGISTER_COMMAND ("probe", probe_command,
                         N_("Probe the adapter endpoint and record the evidence"))
