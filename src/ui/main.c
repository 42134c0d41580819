/* main.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "bfg-application.h"
#include "bfg-ui-util.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BfgApplication) app = NULL;
  const char *localedir = g_getenv ("BFG_LOCALEDIR");

  bfg_ui_trace_startup ("main");

  /* BFG_LOCALEDIR lets an uninstalled build find its own catalogues. */
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = bfg_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
