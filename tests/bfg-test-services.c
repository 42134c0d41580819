/* bfg-test-services.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bfg-test-services.h"

#include <stdio.h>
#include <stdlib.h>

static G_NORETURN void
missing (const char *what)
{
  const char *require = g_getenv ("BFG_TEST_REQUIRE_SERVICES");

  if (g_strcmp0 (require, "1") == 0)
    {
      printf ("Bail out! %s is required (BFG_TEST_REQUIRE_SERVICES=1) but missing; "
              "run the tests through build-aux/test-services\n", what);
      fflush (stdout);
      exit (EXIT_FAILURE);
    }

  printf ("1..0 # SKIP %s is not running; build-aux/test-services starts it\n", what);
  fflush (stdout);
  exit (77);
}

gboolean
bfg_test_require_pg (void)
{
  if (g_getenv ("BFG_TEST_PG_PORT") == NULL || g_getenv ("BFG_TEST_PG_CA") == NULL)
    missing ("PostgreSQL");

  return TRUE;
}

gboolean
bfg_test_require_keyring (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    missing ("A D-Bus session with gnome-keyring");

  return TRUE;
}

const char *
bfg_test_require_locked_keyring (void)
{
  const char *bus = g_getenv ("BFG_TEST_LOCKED_KEYRING_BUS");

  if (bus == NULL)
    missing ("A locked gnome-keyring on a second D-Bus session");

  return bus;
}

gboolean
bfg_test_require_display (void)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    missing ("A display (Xvfb)");

  return TRUE;
}

char *
bfg_test_pg_conninfo (gboolean    superuser,
                      const char *dbname)
{
  const char *user = g_getenv (superuser ? "BFG_TEST_PG_SUPERUSER" : "BFG_TEST_PG_USER");
  const char *password = g_getenv (superuser ? "BFG_TEST_PG_SUPERPASS" : "BFG_TEST_PG_PASSWORD");

  return g_strdup_printf ("host=%s port=%s dbname=%s user=%s password=%s "
                          "sslmode=verify-full sslrootcert=%s connect_timeout=5",
                          g_getenv ("BFG_TEST_PG_HOST"),
                          g_getenv ("BFG_TEST_PG_PORT"),
                          dbname ? dbname : g_getenv ("BFG_TEST_PG_DATABASE"),
                          user, password,
                          g_getenv ("BFG_TEST_PG_CA"));
}
