/* test-secret-locked.c: a keyring that is locked and that no prompt unlocks
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * F33 of docs/fault-matrix.md, on the locked keyring of
 * build-aux/test-services. The endpoint's password is there but locked,
 * and so is the default collection. Every lookup, store and clear must
 * come back at once with BFG_SECRET_ERROR_LOCKED and a message that says
 * what to do; the dry-run must fail its replay step saying the same; and
 * the password must stay where it was, in the keyring only.
 */

#include "config.h"

#include <string.h>

#include "bfg-dry-run.h"
#include "bfg-error.h"
#include "bfg-secret.h"
#include "bfg-test-services.h"
#include "test-core-util.h"
#include "test-locked-keyring.h"

#define PASSWORD "Locked-s3cret-Pa55-for-the-test"
#define NEW_PASSWORD "Another-s3cret-Pa55-typed-again"

/* Far below meson's timeout, far above what a refused prompt takes. */
#define WATCHDOG_SECONDS 20

static TestLogCapture log_capture;

/* No prompter runs on the locked keyring's bus, so every call has to come
 * back by itself. Should a prompter appear after all, it would wait for a
 * click that never comes: the watchdog then cancels the call, and the
 * test fails on the cancellation instead of hanging. */
typedef struct
{
  GCancellable *cancellable;
  GMutex        lock;
  GCond         cond;
  gboolean      done;
  GThread      *thread;
} Watchdog;

typedef struct
{
  BfgEndpoint        *endpoint;
  TestLockedPassword  planted;
  Watchdog            dog;
} Fixture;

static gpointer
watchdog_run (gpointer data)
{
  Watchdog *dog = data;
  gint64 deadline = g_get_monotonic_time () + WATCHDOG_SECONDS * G_TIME_SPAN_SECOND;

  g_mutex_lock (&dog->lock);
  while (!dog->done)
    {
      if (!g_cond_wait_until (&dog->cond, &dog->lock, deadline))
        {
          g_cancellable_cancel (dog->cancellable);
          break;
        }
    }
  g_mutex_unlock (&dog->lock);

  return NULL;
}

static void
watchdog_start (Watchdog *dog)
{
  g_mutex_init (&dog->lock);
  g_cond_init (&dog->cond);
  dog->done = FALSE;
  dog->cancellable = g_cancellable_new ();
  dog->thread = g_thread_new ("watchdog", watchdog_run, dog);
}

static void
watchdog_stop (Watchdog *dog)
{
  g_mutex_lock (&dog->lock);
  dog->done = TRUE;
  g_cond_signal (&dog->cond);
  g_mutex_unlock (&dog->lock);

  g_thread_join (dog->thread);
  g_clear_object (&dog->cancellable);
  g_cond_clear (&dog->cond);
  g_mutex_clear (&dog->lock);
}

/* Loopback and a closed port: should anything try to reach the endpoint,
 * it is refused at once instead of waiting on a resolver. */
static BfgEndpoint *
locked_endpoint (guint port)
{
  return bfg_endpoint_new ("127.0.0.1", port, "bfg_secret_locked", "bfg_app",
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

/* The same promise as without a keyring (F32), plus what to do about the
 * lock; and never the password itself. */
static void
assert_locked (const GError *error)
{
  g_assert_error ((GError *) error, BFG_SECRET_ERROR, BFG_SECRET_ERROR_LOCKED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "The keyring is locked"));
  g_assert_nonnull (strstr (error->message, "Unlock the keyring"));
  g_assert_nonnull (strstr (error->message, "enter the password again"));
  g_assert_nonnull (strstr (error->message, "asked for each session"));
  g_assert_nonnull (strstr (error->message, "plain text"));
  g_assert_null (strstr (error->message, PASSWORD));
  g_assert_null (strstr (error->message, NEW_PASSWORD));
}

/* The locked keyring kept the password as it was, and nothing else
 * remembered it. */
static void
assert_kept (Fixture *fixture)
{
  g_autofree char *session = bfg_secret_session_lookup (fixture->endpoint);
  char *kept;

  g_assert_null (session);
  kept = test_locked_password_peek (&fixture->planted, fixture->endpoint);
  g_assert_cmpstr (kept, ==, PASSWORD);
  secret_password_free (kept);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->endpoint = locked_endpoint (9);
  test_locked_password_plant (&fixture->planted, fixture->endpoint, PASSWORD);
  watchdog_start (&fixture->dog);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  watchdog_stop (&fixture->dog);
  test_locked_password_remove (&fixture->planted);
  g_clear_object (&fixture->endpoint);
  bfg_secret_session_clear ();

  test_log_capture_assert_lacks (&log_capture, PASSWORD);
  test_log_capture_assert_lacks (&log_capture, NEW_PASSWORD);
}

static void
test_lookup (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(BfgEndpoint) other = locked_endpoint (10);
  g_autoptr(GAsyncResult) looked_up = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  password = bfg_secret_lookup_sync (fixture->endpoint, fixture->dog.cancellable, &error);
  g_assert_null (password);
  assert_locked (error);
  g_clear_error (&error);

  bfg_secret_lookup_async (fixture->endpoint, fixture->dog.cancellable, on_done_cb,
                           &looked_up);
  password = bfg_secret_lookup_finish (wait_for (&looked_up), &error);
  g_assert_null (password);
  assert_locked (error);
  g_clear_error (&error);

  /* An endpoint the keyring holds nothing for is not "locked": there is
   * simply no password, as in an unlocked keyring. */
  password = bfg_secret_lookup_sync (other, fixture->dog.cancellable, &error);
  g_assert_no_error (error);
  g_assert_null (password);

  assert_kept (fixture);
}

static void
test_store (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GError) error = NULL;

  /* New passwords go to the default collection, which is locked too. */
  g_assert_false (bfg_secret_store_sync (fixture->endpoint, NEW_PASSWORD,
                                         fixture->dog.cancellable, &error));
  assert_locked (error);
  g_clear_error (&error);

  bfg_secret_store_async (fixture->endpoint, NEW_PASSWORD, fixture->dog.cancellable,
                          on_done_cb, &stored);
  g_assert_false (bfg_secret_store_finish (wait_for (&stored), &error));
  assert_locked (error);

  assert_kept (fixture);
}

static void
test_clear (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GAsyncResult) cleared = NULL;
  g_autoptr(GError) error = NULL;

  /* libsecret removes nothing and reports no error; the console must not
   * claim the password is gone when it is still there. */
  g_assert_false (bfg_secret_clear_sync (fixture->endpoint, fixture->dog.cancellable,
                                         &error));
  assert_locked (error);
  g_clear_error (&error);

  bfg_secret_clear_async (fixture->endpoint, fixture->dog.cancellable, on_done_cb,
                          &cleared);
  g_assert_false (bfg_secret_clear_finish (wait_for (&cleared), &error));
  assert_locked (error);

  assert_kept (fixture);
}

/* The dry-run looks the password up itself (bfg-dry-run.c): its replay
 * step fails and says why, and the workspace holds no password. */
static void
test_dry_run (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(BfgWorkspace) ws = test_open_demo (dir);
  g_autoptr(BfgDryRunOptions) options = bfg_dry_run_options_new (MAREK);
  g_autoptr(BfgDryRunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  const GError *why;

  bfg_dry_run_options_set_endpoint (options, fixture->endpoint);
  result = bfg_dry_run_sync (ws, options, fixture->dog.cancellable, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  g_assert_false (bfg_dry_run_result_get_passed (result));
  g_assert_false (bfg_dry_run_result_get_cancelled (result));
  g_assert_cmpint (bfg_dry_run_result_get_step_status (result, "adapter-replay"), ==,
                   BFG_DRY_RUN_STATUS_FAIL);
  why = bfg_dry_run_result_get_error (result);
  g_assert_error ((GError *) why, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_NO_PASSWORD);
  g_test_message ("%s", why->message);
  g_assert_nonnull (strstr (why->message, "The keyring is locked"));
  g_assert_nonnull (strstr (why->message, "Unlock the keyring"));
  g_assert_null (strstr (bfg_dry_run_result_get_transcript (result), PASSWORD));

  g_clear_object (&ws);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_null (memmem (contents, length, PASSWORD, strlen (PASSWORD)));
  g_clear_pointer (&contents, g_free);
  if (g_file_get_contents (wal, &contents, &length, NULL))
    g_assert_null (memmem (contents, length, PASSWORD, strlen (PASSWORD)));
  test_remove_tree (dir);

  assert_kept (fixture);
}

int
main (int   argc,
      char *argv[])
{
  const char *bus;

  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  test_log_capture_start (&log_capture);

  g_test_init (&argc, &argv, NULL);

  /* Every call of this program goes to the locked keyring, never to the
   * session's: the bus is chosen before the first D-Bus call. */
  bus = bfg_test_require_locked_keyring ();
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", bus, TRUE);

  g_test_add ("/secret/locked/lookup", Fixture, NULL,
              fixture_set_up, test_lookup, fixture_tear_down);
  g_test_add ("/secret/locked/store", Fixture, NULL,
              fixture_set_up, test_store, fixture_tear_down);
  g_test_add ("/secret/locked/clear", Fixture, NULL,
              fixture_set_up, test_clear, fixture_tear_down);
  g_test_add ("/secret/locked/dry-run", Fixture, NULL,
              fixture_set_up, test_dry_run, fixture_tear_down);

  return g_test_run ();
}
