/* test-secret.c: the endpoint password in a real keyring, and nowhere else
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bfg-error.h"
#include "bfg-secret.h"
#include "bfg-test-services.h"
#include "test-core-util.h"

#define PASSWORD "s3cret-Pa55-for-the-test"

/* Every message of the process, so that the tests can prove the password
 * never reaches a log. */
static TestLogCapture log_capture;
static gboolean have_keyring;

static void
assert_log_clean (void)
{
  test_log_capture_assert_lacks (&log_capture, PASSWORD);
}

static BfgEndpoint *
test_endpoint (void)
{
  return bfg_endpoint_new ("db.test.invalid", 6432, "bfg_secret_test", "bfg_app",
                           BFG_SSL_MODE_VERIFY_FULL, NULL);
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
test_schema (void)
{
  const SecretSchema *schema = bfg_secret_get_schema ();
  const char *names[] = { "host", "port", "database", "user" };

  g_assert_cmpstr (schema->name, ==, BASE_APP_ID);
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (schema->attributes[i].name, ==, names[i]);
  g_assert_null (schema->attributes[G_N_ELEMENTS (names)].name);
}

static void
test_keyring_round_trip (void)
{
  g_autoptr(BfgEndpoint) endpoint = test_endpoint ();
  g_autoptr(BfgEndpoint) other = bfg_endpoint_new ("db.test.invalid", 6433,
                                                   "bfg_secret_test", "bfg_app",
                                                   BFG_SSL_MODE_VERIFY_FULL, NULL);
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GAsyncResult) looked_up = NULL;
  g_autoptr(GAsyncResult) cleared = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  if (!have_keyring)
    {
      g_test_skip ("no keyring");
      return;
    }

  bfg_secret_store_async (endpoint, PASSWORD, NULL, on_done_cb, &stored);
  g_assert_true (bfg_secret_store_finish (wait_for (&stored), &error));
  g_assert_no_error (error);

  bfg_secret_lookup_async (endpoint, NULL, on_done_cb, &looked_up);
  password = bfg_secret_lookup_finish (wait_for (&looked_up), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, PASSWORD);
  secret_password_free (password);

  /* Another port is another endpoint: the attributes must match exactly. */
  password = bfg_secret_lookup_sync (other, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (password);

  bfg_secret_clear_async (endpoint, NULL, on_done_cb, &cleared);
  g_assert_true (bfg_secret_clear_finish (wait_for (&cleared), &error));
  g_assert_no_error (error);

  password = bfg_secret_lookup_sync (endpoint, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (password);

  assert_log_clean ();
}

static void
test_keyring_sync (void)
{
  g_autoptr(BfgEndpoint) endpoint = test_endpoint ();
  g_autoptr(GError) error = NULL;
  char *password;

  if (!have_keyring)
    {
      g_test_skip ("no keyring");
      return;
    }

  g_assert_true (bfg_secret_store_sync (endpoint, "first", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (bfg_secret_store_sync (endpoint, PASSWORD, NULL, &error));
  g_assert_no_error (error);

  password = bfg_secret_lookup_sync (endpoint, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, PASSWORD);
  secret_password_free (password);

  g_assert_true (bfg_secret_clear_sync (endpoint, NULL, &error));
  g_assert_no_error (error);
  /* Clearing what is not there is not an error. */
  g_assert_true (bfg_secret_clear_sync (endpoint, NULL, &error));
  g_assert_no_error (error);

  assert_log_clean ();
}

static void
test_unavailable (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(BfgEndpoint) endpoint = test_endpoint ();
      g_autoptr(GError) error = NULL;
      char *password;

      password = bfg_secret_lookup_sync (endpoint, NULL, &error);
      g_assert_null (password);
      g_assert_error (error, BFG_SECRET_ERROR, BFG_SECRET_ERROR_UNAVAILABLE);
      g_assert_nonnull (strstr (error->message, "asked for each session"));
      g_assert_nonnull (strstr (error->message, "plain text"));
      g_clear_error (&error);

      g_assert_false (bfg_secret_store_sync (endpoint, PASSWORD, NULL, &error));
      g_assert_error (error, BFG_SECRET_ERROR, BFG_SECRET_ERROR_UNAVAILABLE);
      g_assert_null (strstr (error->message, PASSWORD));
      assert_log_clean ();
      return;
    }

  /* A session bus address where nothing listens: no Secret Service. */
  {
    const char *envp_extra[] = { "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bfg-bus",
                                 "G_MESSAGES_DEBUG=all", NULL };
    g_auto(GStrv) envp = g_get_environ ();

    for (gsize i = 0; envp_extra[i] != NULL; i++)
      {
        g_auto(GStrv) pair = g_strsplit (envp_extra[i], "=", 2);

        envp = g_environ_setenv (envp, pair[0], pair[1], TRUE);
      }

    g_test_trap_subprocess_with_envp (NULL, (const char * const *) envp, 10 * G_USEC_PER_SEC,
                                      G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed ();
    g_test_trap_assert_stdout_unmatched ("*" PASSWORD "*");
    g_test_trap_assert_stderr_unmatched ("*" PASSWORD "*");
  }
}

static void
test_session_cache (void)
{
  g_autoptr(BfgEndpoint) endpoint = test_endpoint ();
  g_autoptr(BfgEndpoint) same = test_endpoint ();
  g_autoptr(BfgEndpoint) other = bfg_endpoint_new ("db.test.invalid", 6432,
                                                   "bfg_secret_test", "someone_else",
                                                   BFG_SSL_MODE_VERIFY_FULL, NULL);
  char *password;

  g_assert_null (bfg_secret_session_lookup (endpoint));

  bfg_secret_session_remember (endpoint, PASSWORD);
  password = bfg_secret_session_lookup (same);
  g_assert_cmpstr (password, ==, PASSWORD);
  secret_password_free (password);
  g_assert_null (bfg_secret_session_lookup (other));

  bfg_secret_session_forget (endpoint);
  g_assert_null (bfg_secret_session_lookup (endpoint));

  bfg_secret_session_remember (endpoint, PASSWORD);
  bfg_secret_session_remember (other, "x");
  bfg_secret_session_clear ();
  g_assert_null (bfg_secret_session_lookup (endpoint));
  g_assert_null (bfg_secret_session_lookup (other));

  assert_log_clean ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  test_log_capture_start (&log_capture);

  g_test_init (&argc, &argv, NULL);

  /* Only the round trips need the keyring; the rest runs anywhere. */
  if (!g_test_subprocess ())
    {
      if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL ||
          g_strcmp0 (g_getenv ("BFG_TEST_REQUIRE_SERVICES"), "1") == 0)
        have_keyring = bfg_test_require_keyring ();
    }

  g_test_add_func ("/secret/schema", test_schema);
  g_test_add_func ("/secret/keyring/round-trip", test_keyring_round_trip);
  g_test_add_func ("/secret/keyring/sync", test_keyring_sync);
  g_test_add_func ("/secret/unavailable", test_unavailable);
  g_test_add_func ("/secret/session-cache", test_session_cache);

  return g_test_run ();
}
