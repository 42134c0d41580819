/* bfgctl-endpoint.c: bfgctl endpoint set
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

/* Reads one line from stdin into memory that is wiped afterwards; the
 * password never passes through argv, where ps(1) would show it. */
static char *
read_password (void)
{
  char buffer[1024];
  gsize len;
  char *password;

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    return NULL;

  len = strcspn (buffer, "\r\n");
  password = g_strndup (buffer, len);
  explicit_bzero (buffer, sizeof buffer);

  return password;
}

static int
endpoint_set (BfgctlContext  *ctx,
              int             argc,
              char          **argv)
{
  g_autofree char *host = NULL;
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;
  g_autofree char *sslmode = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *actor = NULL;
  gboolean password_stdin = FALSE;
  int port = BFG_ENDPOINT_DEFAULT_PORT;
  GOptionEntry entries[] = {
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, N_("Host name or IP address"), "H" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, N_("TCP port (5432)"), "P" },
    { "database", 0, 0, G_OPTION_ARG_STRING, &database, N_("Database name"), "D" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("Login role"), "U" },
    { "sslmode", 0, 0, G_OPTION_ARG_STRING, &sslmode,
      N_("verify-full (default), verify-ca or require"), "MODE" },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, N_("PEM file of trusted CAs"), "F" },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("Read the password from standard input and store it in the keyring"), NULL },
    { "as", 0, 0, G_OPTION_ARG_STRING, &actor, N_("Acting actor"), "ACTOR" },
    { NULL }
  };
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autoptr(GError) error = NULL;
  BfgWorkspace *workspace;
  BfgSslMode mode = BFG_SSL_MODE_VERIFY_FULL;
  char *password = NULL;

  if (!bfgctl_parse_options ("set", entries, &argc, &argv, &error))
    return bfgctl_usage ("%s", error->message);

  if (host == NULL || database == NULL || user == NULL || actor == NULL)
    return bfgctl_usage (_("endpoint set needs --host, --database, --user and --as"));

  if (sslmode != NULL && !bfg_ssl_mode_from_string (sslmode, &mode))
    return bfgctl_usage (_("--sslmode must be verify-full, verify-ca or require"));

  if (port <= 0 || port > G_MAXUINT16)
    return bfgctl_usage (_("--port must be between 1 and 65535"));

  endpoint = bfg_endpoint_new (host, (guint) port, database, user, mode, ca_file);
  if (!bfg_endpoint_validate (endpoint, &error))
    return bfgctl_fail (error);

  workspace = bfgctl_open_workspace (ctx, TRUE, &error);
  if (workspace == NULL)
    return bfgctl_fail (error);

  if (!bfg_connection_save_endpoint (workspace, actor, endpoint, &error))
    return bfgctl_fail (error);

  if (bfg_endpoint_get_weak_tls (endpoint))
    g_printerr ("%s\n", _("Warning: sslmode=require encrypts but does not authenticate "
                          "the server"));

  if (password_stdin)
    {
      gboolean stored;

      password = read_password ();
      if (password == NULL || password[0] == '\0')
        {
          secret_password_free (password);
          return bfgctl_usage (_("--password-stdin read no password"));
        }

      stored = bfg_secret_store_sync (endpoint, password, NULL, &error);
      secret_password_free (password);
      if (!stored)
        return bfgctl_fail (error);
    }

  {
    g_autofree char *uri = bfg_endpoint_to_redacted_uri (endpoint);

    g_print ("%s\n", uri);
  }

  return BFGCTL_EXIT_OK;
}

static int
endpoint_command (BfgctlContext  *ctx,
                  int             argc,
                  char          **argv)
{
  if (argc < 2 || g_strcmp0 (argv[1], "set") != 0)
    return bfgctl_usage (_("usage: bfgctl endpoint set --host H --port P --database D "
                           "--user U [--sslmode MODE] [--ca-file F] --password-stdin "
                           "--as ACTOR"));

  return endpoint_set (ctx, argc - 1, argv + 1);
}

BFGCTL_REGISTER_COMMAND ("endpoint", endpoint_command,
                         N_("Set the production adapter endpoint and its password"))
