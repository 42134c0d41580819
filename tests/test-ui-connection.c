/* test-ui-connection.c: the Connection page's form in a real window
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills the form as a user would, saves (the password must land in the
 * keyring and nowhere in the workspace files), probes the test server
 * until the four connection checks wait for review, and proves that a
 * probe stuck on a silent server neither stalls the main loop nor
 * outlives its Cancel button. Without a keyring, or with one that stays
 * locked, the password is kept for the session only.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <locale.h>
#include <string.h>

#include "bfg-connection-form.h"
#include "bfg-connection.h"
#include "bfg-engine.h"
#include "bfg-error.h"
#include "bfg-models.h"
#include "bfg-secret.h"
#include "bfg-test-services.h"
#include "bfg-workspace.h"
#include "test-locked-keyring.h"
#include "test-ui-util.h"

/* Not a speed test: the figure is printed for the benchmarks. A main loop
 * that waited on the work would stall for as long as the work (seconds);
 * this bound sits well above a loaded machine's scheduling noise. */
#define BLOCKED_LOOP_US (500 * 1000)

#define DATABASE "bfg_ui_connection"
#define ACTOR "user_dispatcher_marek"

static const char * const connection_checks[] = {
  "connection.reachability", "connection.tls", "connection.rbacSession",
  "connection.writeProbe", NULL
};

typedef struct
{
  char         *dir;
  char         *path;
  BfgWorkspace *workspace;
  BfgEngine    *engine;
  GtkWindow    *window;
  GtkWidget    *form;
  GtkWidget    *page;
} Fixture;

/* Test services */

static void
ignore_notice (void       *data,
               const char *message)
{
}

static void
admin_exec (PGconn     *conn,
            const char *sql)
{
  PGresult *res = PQexec (conn, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s failed: %s", sql, PQerrorMessage (conn));
  PQclear (res);
}

static PGconn *
admin_connect (const char *dbname)
{
  g_autofree char *conninfo = bfg_test_pg_conninfo (TRUE, dbname);
  PGconn *conn = PQconnectdb (conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect as the superuser: %s", PQerrorMessage (conn));
  PQsetNoticeProcessor (conn, ignore_notice, NULL);

  return conn;
}

/* A fresh database with the runbook schema the probe checks, and the
 * test role's grants on it. */
static void
make_database (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "probe-schema.sql",
                                                 NULL);
  g_autofree char *sql = NULL;
  g_autofree char *grants = NULL;
  g_autoptr(GError) error = NULL;
  const char *user = g_getenv ("BFG_TEST_PG_USER");
  PGconn *conn;

  conn = admin_connect ("postgres");
  admin_exec (conn, "drop database if exists " DATABASE " with (force)");
  admin_exec (conn, "create database " DATABASE);
  PQfinish (conn);

  g_file_get_contents (path, &sql, NULL, &error);
  g_assert_no_error (error);

  grants = g_strdup_printf ("grant usage on schema bfg_flowcontrol to %s;"
                            "grant select, insert, update, delete on all tables in schema "
                            "bfg_flowcontrol to %s;", user, user);
  conn = admin_connect (DATABASE);
  admin_exec (conn, sql);
  admin_exec (conn, grants);
  PQfinish (conn);
}

/* Helpers */

static GtkWidget *
field (Fixture    *fixture,
       const char *name)
{
  GtkWidget *widget = test_ui_find_named (fixture->form, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
type_into (Fixture    *fixture,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, name)), text);
}

static void
wait_idle (Fixture *fixture,
           guint    timeout_s)
{
  gint64 until = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;
  BfgConnectionForm *form = BFG_CONNECTION_FORM (fixture->form);

  while (bfg_connection_form_get_busy (form) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (bfg_connection_form_get_busy (form));
  test_ui_spin (50);
}

static const char *
step_subtitle (Fixture    *fixture,
               const char *step_id)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (field (fixture, step_id)));
}

static void
fill_form (Fixture    *fixture,
           const char *host,
           const char *port,
           const char *password,
           guint       sslmode)
{
  type_into (fixture, "host", host);
  type_into (fixture, "port", port);
  type_into (fixture, "database", DATABASE);
  type_into (fixture, "user", g_getenv ("BFG_TEST_PG_USER"));
  type_into (fixture, "password", password);
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (fixture, "sslmode")), sslmode);
  g_object_set (fixture->form, "ca-file",
                sslmode == BFG_SSL_MODE_REQUIRE ? NULL : g_getenv ("BFG_TEST_PG_CA"),
                NULL);
}

static void
save (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (fixture->form, "connection-form.save", NULL));
  wait_idle (fixture, 10);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *bytes = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &bytes, &length, NULL))
    return FALSE;

  return memmem (bytes, length, needle, strlen (needle)) != NULL;
}

/* Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  GtkWidget *scrolled;
  GtkWidget *clamp;

  fixture->dir = g_dir_make_tmp ("bfg-ui-conn-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "workspace.sqlite", NULL);

  fixture->workspace = bfg_workspace_open (fixture->path, BFG_WORKSPACE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  fixture->engine = bfg_engine_new (fixture->workspace, &error);
  g_assert_no_error (error);

  fixture->form = g_object_ref_sink (bfg_connection_form_new (fixture->engine, ACTOR));

  clamp = adw_clamp_new ();
  gtk_widget_add_css_class (clamp, "background");
  adw_clamp_set_child (ADW_CLAMP (clamp), fixture->form);
  gtk_widget_set_margin_top (fixture->form, 18);
  gtk_widget_set_margin_bottom (fixture->form, 18);
  gtk_widget_set_margin_start (fixture->form, 12);
  gtk_widget_set_margin_end (fixture->form, 12);
  fixture->page = clamp;
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), scrolled);

  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_title (fixture->window, "BFG Integration Console");
  adw_window_set_content (ADW_WINDOW (fixture->window), overlay);
  gtk_window_set_default_size (fixture->window, 900, 780);
  gtk_window_present (fixture->window);
  test_ui_spin (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  test_ui_spin (50);
  g_assert_finalize_object (fixture->form);
  g_clear_object (&fixture->engine);
  g_clear_object (&fixture->workspace);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Which step rows said "Passed" while the probe still ran, one bit per
 * step. */
typedef struct
{
  BfgConnectionForm *form;
  guint              passed_while_busy;
} RowWatch;

static void
on_step_subtitle_cb (AdwActionRow *row,
                     GParamSpec   *pspec,
                     gpointer      user_data)
{
  RowWatch *watch = user_data;
  const char * const *ids = bfg_probe_step_ids ();

  if (!bfg_connection_form_get_busy (watch->form) ||
      !g_str_has_prefix (adw_action_row_get_subtitle (row), "Passed"))
    return;

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (gtk_widget_get_name (GTK_WIDGET (row)), ids[i]))
      watch->passed_while_busy |= 1u << i;
}

/* Tests */

static void
test_save_and_probe (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(BfgEndpoint) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  const char *password = g_getenv ("BFG_TEST_PG_PASSWORD");
  BfgConnectionForm *form = BFG_CONNECTION_FORM (fixture->form);
  RowWatch watch = { form, 0 };
  BfgProbeResult *result;

  make_database ();
  fill_form (fixture, g_getenv ("BFG_TEST_PG_HOST"), g_getenv ("BFG_TEST_PG_PORT"),
             password, BFG_SSL_MODE_VERIFY_FULL);
  save (fixture);

  /* The endpoint is in the workspace, redacted; the password is in the
   * keyring and in no byte of the workspace files. */
  saved = bfg_connection_load_endpoint (fixture->workspace, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpstr (bfg_endpoint_get_database (saved), ==, DATABASE);
  g_assert_cmpstr (bfg_endpoint_get_ca_file (saved), ==, g_getenv ("BFG_TEST_PG_CA"));
  g_assert_false (bfg_connection_form_get_session_only (form));

  stored = bfg_secret_lookup_sync (saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, password);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "password"))), ==, "");
  g_assert_false (file_contains (fixture->path, password));
  g_assert_false (file_contains (wal, password));

  for (guint i = 0; connection_checks[i] != NULL; i++)
    g_assert_cmpint (bfg_engine_get_check_state (fixture->engine, connection_checks[i]), ==,
                     BFG_CHECK_STATE_NEXT);

  for (guint i = 0; i < 4; i++)
    g_signal_connect (field (fixture, bfg_probe_step_ids ()[i]), "notify::subtitle",
                      G_CALLBACK (on_step_subtitle_cb), &watch);

  g_assert_true (gtk_widget_activate_action (fixture->form, "connection-form.run-probe", NULL));
  test_ui_spin (20);
  g_assert_true (bfg_connection_form_get_busy (form));
  wait_idle (fixture, 60);

  for (guint i = 0; i < 4; i++)
    g_signal_handlers_disconnect_by_data (field (fixture, bfg_probe_step_ids ()[i]), &watch);

  result = bfg_connection_form_get_result (form);
  g_assert_nonnull (result);
  if (!bfg_probe_result_get_passed (result))
    {
      g_autofree char *json = bfg_probe_result_to_json (result, TRUE);

      g_error ("the probe failed: %s", json);
    }

  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (bfg_probe_result_get_step_status (result, bfg_probe_step_ids ()[i]), ==,
                     BFG_PROBE_STATUS_PASS);

  /* Each row showed its step's result as the step ended, before the
   * probe as a whole did. */
  g_assert_cmpuint (watch.passed_while_busy, ==, 0xf);

  /* Recorded with the acting actor; the engine followed by itself. */
  test_ui_spin (100);
  for (guint i = 0; connection_checks[i] != NULL; i++)
    g_assert_cmpint (bfg_engine_get_check_state (fixture->engine, connection_checks[i]), ==,
                     BFG_CHECK_STATE_REVIEW);
  g_assert_cmpstr (bfg_check_get_recorded_by (bfg_engine_get_check (fixture->engine,
                                                                     "connection.tls")),
                   ==, ACTOR);

  g_assert_false (file_contains (fixture->path, password));
  g_assert_false (file_contains (wal, password));

  test_ui_screenshot (fixture->window, fixture->page, "40-connection-form-en.png");

  bfg_secret_clear_sync (saved, NULL, NULL);
}

/* A server that takes the connection and never says a word: the kernel
 * completes the handshake into the backlog and nobody ever accepts. */
static GSocket *
make_blackhole (guint *port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  GSocket *socket;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_set_listen_backlog (socket, 16);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);

  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  return socket;
}

static void
test_responsive_cancel (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GSocket) blackhole = NULL;
  g_autoptr(BfgEndpoint) saved = NULL;
  g_autofree char *port = NULL;
  BfgConnectionForm *form = BFG_CONNECTION_FORM (fixture->form);
  TestStalls timer_stalls = { 0, 0 };
  TestStalls frame_stalls = { 0, 0 };
  gint64 cancelled_at;
  gint64 stopped_after;
  guint timer_id;
  guint tick_id;
  guint port_number;

  blackhole = make_blackhole (&port_number);
  port = g_strdup_printf ("%u", port_number);

  fill_form (fixture, "127.0.0.1", port, "not-a-real-password", BFG_SSL_MODE_REQUIRE);
  g_assert_true (gtk_widget_get_visible (field (fixture, "weak-tls")));
  save (fixture);

  g_assert_true (gtk_widget_activate_action (fixture->form, "connection-form.run-probe", NULL));
  timer_id = g_timeout_add (5, test_ui_on_stall_tick_cb, &timer_stalls);
  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (fixture->window), test_ui_on_frame_tick_cb,
                                          &frame_stalls, NULL);

  /* The probe now waits on a server that never answers. */
  test_ui_spin (1500);
  g_assert_true (bfg_connection_form_get_busy (form));
  g_assert_null (bfg_connection_form_get_result (form));

  /* The rows follow the probe as it goes: the server took the connection,
   * so reachability shows its result while the TLS step still runs. */
  g_assert_true (g_str_has_prefix (step_subtitle (fixture, BFG_PROBE_STEP_REACHABILITY),
                                   "Passed · Connected to 127.0.0.1:"));
  g_assert_cmpstr (step_subtitle (fixture, BFG_PROBE_STEP_TLS), ==, "Running…");
  g_assert_cmpstr (step_subtitle (fixture, BFG_PROBE_STEP_RBAC_SESSION), ==, "Waiting");
  g_assert_cmpstr (step_subtitle (fixture, BFG_PROBE_STEP_WRITE_PROBE), ==, "Waiting");

  cancelled_at = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (fixture->form, "connection-form.cancel", NULL));
  while (bfg_connection_form_get_busy (form) &&
         g_get_monotonic_time () - cancelled_at < 5 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  stopped_after = g_get_monotonic_time () - cancelled_at;

  g_source_remove (timer_id);
  gtk_widget_remove_tick_callback (GTK_WIDGET (fixture->window), tick_id);

  g_test_message ("main loop: longest gap %" G_GINT64_FORMAT " ms (timer), %"
                  G_GINT64_FORMAT " ms (frames); cancel took %" G_GINT64_FORMAT " ms",
                  timer_stalls.max_gap_us / 1000, frame_stalls.max_gap_us / 1000,
                  stopped_after / 1000);

  g_assert_false (bfg_connection_form_get_busy (form));
  g_assert_cmpint (stopped_after, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpint (timer_stalls.max_gap_us, <, BLOCKED_LOOP_US);
  g_assert_cmpint (frame_stalls.max_gap_us, <, BLOCKED_LOOP_US);

  /* A cancelled probe is no evidence, though the row of the step that
   * ended still says what it found. */
  g_assert_null (bfg_connection_form_get_result (form));
  g_assert_true (g_str_has_prefix (step_subtitle (fixture, BFG_PROBE_STEP_REACHABILITY),
                                   "Passed · "));
  g_assert_cmpstr (step_subtitle (fixture, BFG_PROBE_STEP_TLS), ==, "Cancelled");
  g_assert_cmpstr (step_subtitle (fixture, BFG_PROBE_STEP_WRITE_PROBE), ==, "Cancelled");
  for (guint i = 0; connection_checks[i] != NULL; i++)
    g_assert_cmpint (bfg_engine_get_check_state (fixture->engine, connection_checks[i]), ==,
                     BFG_CHECK_STATE_NEXT);

  saved = bfg_connection_load_endpoint (fixture->workspace, NULL);
  bfg_secret_clear_sync (saved, NULL, NULL);
}

/* Without a Secret Service the password stays in this process only, a
 * banner says so, and the workspace still never sees it. */
static void
test_no_keyring (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(BfgEndpoint) saved = NULL;
  g_autofree char *remembered = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  const char *password = "session-only-Secret-42";
  BfgConnectionForm *form = BFG_CONNECTION_FORM (fixture->form);

  if (!g_test_subprocess ())
    {
      g_auto(GStrv) envp = g_get_environ ();

      envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS",
                               "unix:path=/nonexistent/bfg-no-bus", TRUE);
      envp = g_environ_setenv (envp, "BFG_TEST_NO_KEYRING", "1", TRUE);

      g_test_trap_subprocess_with_envp (NULL, (const char * const *) envp, 0,
                                        G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  fill_form (fixture, "db.example.test", "5432", password, BFG_SSL_MODE_VERIFY_FULL);
  save (fixture);

  g_assert_true (bfg_connection_form_get_session_only (form));
  g_assert_true (adw_banner_get_revealed (ADW_BANNER (field (fixture, "keyring-banner"))));

  saved = bfg_connection_load_endpoint (fixture->workspace, NULL);
  g_assert_nonnull (saved);
  remembered = bfg_secret_session_lookup (saved);
  g_assert_cmpstr (remembered, ==, password);
  g_assert_false (file_contains (fixture->path, password));
  g_assert_false (file_contains (wal, password));
  bfg_secret_session_clear ();
}

/* F33: the keyring holds the endpoint's password, but it is locked and no
 * prompt can unlock it. The probe says so, a banner tells the user that
 * the password now lasts for this session only, and the password typed
 * again goes to this process's memory: not to a file, not over the
 * keyring's copy. */
static void
test_locked_keyring (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autoptr(BfgEndpoint) saved = NULL;
  g_autofree char *remembered = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  const char *stored = "locked-Keyring-Secret-7";
  const char *typed = "typed-Again-Secret-8";
  BfgConnectionForm *form = BFG_CONNECTION_FORM (fixture->form);
  AdwBanner *banner = ADW_BANNER (field (fixture, "keyring-banner"));
  TestLockedPassword planted;
  BfgProbeResult *result;
  const GError *why;

  if (!g_test_subprocess ())
    {
      g_auto(GStrv) envp = g_get_environ ();

      envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS",
                               g_getenv ("BFG_TEST_LOCKED_KEYRING_BUS"), TRUE);
      g_test_trap_subprocess_with_envp (NULL, (const char * const *) envp,
                                        60 * G_USEC_PER_SEC,
                                        G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  /* Loopback and a closed port: nothing to reach, should anything try. */
  endpoint = bfg_endpoint_new ("127.0.0.1", 9, DATABASE, g_getenv ("BFG_TEST_PG_USER"),
                               BFG_SSL_MODE_VERIFY_FULL, g_getenv ("BFG_TEST_PG_CA"));
  test_locked_password_plant (&planted, endpoint, stored);

  fill_form (fixture, "127.0.0.1", "9", "", BFG_SSL_MODE_VERIFY_FULL);
  save (fixture);
  g_assert_false (bfg_connection_form_get_session_only (form));
  g_assert_false (adw_banner_get_revealed (banner));

  g_assert_true (gtk_widget_activate_action (fixture->form, "connection-form.run-probe", NULL));
  wait_idle (fixture, 30);

  g_assert_true (bfg_connection_form_get_session_only (form));
  g_assert_true (adw_banner_get_revealed (banner));
  g_assert_nonnull (strstr (adw_banner_get_title (banner), "keyring is locked"));
  result = bfg_connection_form_get_result (form);
  g_assert_nonnull (result);
  g_assert_false (bfg_probe_result_get_passed (result));
  why = bfg_probe_result_get_error (result);
  g_assert_error ((GError *) why, BFG_SECRET_ERROR, BFG_SECRET_ERROR_LOCKED);
  g_assert_nonnull (strstr (why->message, "Unlock the keyring"));

  /* Typed again, the password is kept for this session. */
  type_into (fixture, "password", typed);
  save (fixture);
  saved = bfg_connection_load_endpoint (fixture->workspace, NULL);
  g_assert_nonnull (saved);
  remembered = bfg_secret_session_lookup (saved);
  g_assert_cmpstr (remembered, ==, typed);

  for (guint i = 0; i < 2; i++)
    {
      const char *secret = i == 0 ? stored : typed;

      g_assert_false (file_contains (fixture->path, secret));
      g_assert_false (file_contains (wal, secret));
    }

  kept = test_locked_password_peek (&planted, endpoint);
  g_assert_cmpstr (kept, ==, stored);
  test_locked_password_remove (&planted);
  bfg_secret_session_clear ();
}

/* The driver has claims but records no evidence: the form says why and
 * offers neither Save nor Run probe. */
static void
test_rbac (Fixture       *fixture,
           gconstpointer  data)
{
  BfgConnectionForm *form = BFG_CONNECTION_FORM (fixture->form);
  AdwBanner *banner = ADW_BANNER (field (fixture, "rbac-banner"));
  g_autofree char *preview = NULL;

  fill_form (fixture, "db.example.test", "5432", "", BFG_SSL_MODE_VERIFY_FULL);
  g_assert_false (adw_banner_get_revealed (banner));
  g_assert_true (gtk_widget_get_sensitive (field (fixture, "save")));

  bfg_connection_form_set_actor_id (form, "driver_tarasenko");
  test_ui_spin (20);
  g_assert_true (adw_banner_get_revealed (banner));
  g_assert_nonnull (strstr (adw_banner_get_title (banner), "evidence.record"));
  g_assert_false (gtk_widget_get_sensitive (field (fixture, "save")));
  g_assert_false (gtk_widget_get_sensitive (field (fixture, "run-probe")));

  /* The port is validated as it is typed. */
  bfg_connection_form_set_actor_id (form, ACTOR);
  type_into (fixture, "port", "70000");
  g_assert_true (gtk_widget_has_css_class (field (fixture, "port"), "error"));
  g_assert_false (gtk_widget_get_sensitive (field (fixture, "save")));
  type_into (fixture, "port", "6432");
  g_assert_false (gtk_widget_has_css_class (field (fixture, "port"), "error"));
  preview = g_strdup_printf ("postgresql://%s@db.example.test:6432/" DATABASE
                             "?sslmode=verify-full", g_getenv ("BFG_TEST_PG_USER"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (field (fixture, "preview"))),
                   ==, preview);
}

/* The form as it first appears, in the language of the environment. */
static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *lang = g_getenv ("BFG_TEST_LANG");
  g_autofree char *name = NULL;

  if (lang == NULL)
    {
      g_auto(GStrv) envp = g_get_environ ();

      envp = g_environ_setenv (envp, "LANGUAGE", "es", TRUE);
      envp = g_environ_setenv (envp, "LANG", "es_ES.UTF-8", TRUE);
      envp = g_environ_setenv (envp, "BFG_TEST_LANG", "es", TRUE);
      g_test_trap_subprocess_with_envp (NULL, (const char * const *) envp, 0,
                                        G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  fill_form (fixture, "db.bfgcontrol.example", "5432", "", BFG_SSL_MODE_REQUIRE);
  name = g_strdup_printf ("41-connection-form-%s.png", lang);
  test_ui_screenshot (fixture->window, fixture->page, name);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("BFG_LOCALEDIR");

  bfg_test_require_display ();
  bfg_test_require_pg ();
  /* The no-keyring child runs without one on purpose. */
  if (g_getenv ("BFG_TEST_NO_KEYRING") == NULL)
    {
      bfg_test_require_keyring ();
      bfg_test_require_locked_keyring ();
    }

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/connection/save-and-probe", Fixture, NULL,
              fixture_set_up, test_save_and_probe, fixture_tear_down);
  g_test_add ("/ui/connection/responsive-cancel", Fixture, NULL,
              fixture_set_up, test_responsive_cancel, fixture_tear_down);
  g_test_add ("/ui/connection/no-keyring", Fixture, NULL,
              fixture_set_up, test_no_keyring, fixture_tear_down);
  g_test_add ("/ui/connection/locked-keyring", Fixture, NULL,
              fixture_set_up, test_locked_keyring, fixture_tear_down);
  g_test_add ("/ui/connection/rbac", Fixture, NULL,
              fixture_set_up, test_rbac, fixture_tear_down);
  g_test_add ("/ui/connection/screenshot-es", Fixture, NULL,
              fixture_set_up, test_screenshot, fixture_tear_down);

  return g_test_run ();
}
