/* bfgctl-export.c: bfgctl export, verify and packet
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `export` writes a review bundle and is audited, so it always names its
 * actor with --as; `verify` needs nothing but the bundle folder, so a
 * reviewer can run it anywhere; `packet` prints one packet exactly as the
 * bundle would hold it.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bfg-bundle.h"
#include "bfg-packets.h"
#include "bfgctl.h"

/* Exports are audited, so the actor is required and never guessed. */
static int
export_command (BfgctlContext  *ctx,
                int             argc,
                char          **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *manifest_sha256 = NULL;
  BfgWorkspace *workspace;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_("The new or empty folder to write the bundle into"), N_("DIR") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &actor,
      N_("The exporting actor, who needs bundle.export"), N_("ACTOR") },
    { NULL }
  };

  if (!bfgctl_parse_options (NULL, entries, &argc, &argv, &error))
    return bfgctl_usage ("%s", error->message);
  if (argc > 1)
    return bfgctl_usage (_("Unexpected argument “%s”"), argv[1]);
  if (out == NULL)
    return bfgctl_usage ("%s", _("export needs --out DIR"));
  if (actor == NULL)
    return bfgctl_usage ("%s", _("export needs --as ACTOR: exports are "
                                 "audited"));

  workspace = bfgctl_open_workspace (ctx, TRUE, &error);
  if (workspace == NULL)
    return bfgctl_fail (error);

  if (!bfg_bundle_export (workspace, actor, out, &manifest_sha256, &error))
    return bfgctl_fail (error);

  /* Translators: the first %s is a folder, the second a SHA-256. */
  g_print (_("Exported the review bundle to %s (manifest.json SHA-256 %s)\n"),
           out, manifest_sha256);
  return BFGCTL_EXIT_OK;
}

/* Verification needs nothing but the folder: no workspace is opened. */
static int
verify_command (BfgctlContext  *ctx,
                int             argc,
                char          **argv)
{
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };

  if (!bfgctl_parse_options (_("DIR"), entries, &argc, &argv, &error))
    return bfgctl_usage ("%s", error->message);
  if (argc != 2)
    return bfgctl_usage ("%s", _("verify needs exactly one bundle folder"));

  if (!bfg_bundle_verify (argv[1], &error))
    return bfgctl_fail (error);

  /* Translators: %s is a folder. */
  g_print (_("%s: every file matches manifest.json\n"), argv[1]);
  return BFGCTL_EXIT_OK;
}

/* The exact bytes, so that `bfgctl packet NAME | sha256sum` gives the
 * packet's digest. */
static int
packet_command (BfgctlContext  *ctx,
                int             argc,
                char          **argv)
{
  g_autoptr(BfgPacket) packet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  BfgWorkspace *workspace;
  gboolean json = FALSE;
  const char *data;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the JSON form"), NULL },
    { NULL }
  };

  if (!bfgctl_parse_options (_("NAME"), entries, &argc, &argv, &error))
    return bfgctl_usage ("%s", error->message);

  names = g_strjoinv (", ", (GStrv) bfg_packets_get_names ());
  if (argc != 2 || !bfg_packets_is_known (argv[1]))
    /* Translators: %s lists the packet names, which stay as they are. */
    return bfgctl_usage (_("packet needs one of: %s"), names);

  workspace = bfgctl_open_workspace (ctx, FALSE, &error);
  if (workspace == NULL)
    return bfgctl_fail (error);

  packet = bfg_packet_render_current (workspace, argv[1], &error);
  if (packet == NULL)
    return bfgctl_fail (error);

  data = json ? bfg_packet_get_json (packet) : bfg_packet_get_text (packet);
  fwrite (data, 1, strlen (data), stdout);
  fflush (stdout);

  return BFGCTL_EXIT_OK;
}

/* ACCEPT_PACKET checks bind packet checksums in every command, so the
 * value provider is installed before main() runs any of them. */
__attribute__((constructor)) static void
register_packets (void)
{
  bfg_packets_register ();
}

BFGCTL_REGISTER_COMMAND ("export", export_command,
                         N_("Export a review bundle: --out DIR --as ACTOR"))
BFGCTL_REGISTER_COMMAND ("verify", verify_command,
                         N_("Verify a review bundle offline: DIR"))
BFGCTL_REGISTER_COMMAND ("packet", packet_command,
                         N_("Print one packet: NAME [--json]"))
