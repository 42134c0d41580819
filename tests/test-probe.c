/* test-probe.c: the connection probe against a real PostgreSQL with TLS
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bfg-error.h"
#include "bfg-probe.h"
#include "bfg-test-services.h"
#include "test-core-util.h"

#define TENANT "tenant-a"

/* Every message of the process, so that the tests can prove no password
 * ever reaches a log. */
static TestLogCapture log_capture;
static char *scratch_dir;

static void
ignore_notice (void       *data,
               const char *message)
{
}

static PGconn *
admin_connect (const char *dbname)
{
  const char *keywords[] = { "host", "port", "dbname", "user", "password", "sslmode",
                             "sslrootcert", "connect_timeout", NULL };
  const char *values[] = { g_getenv ("BFG_TEST_PG_HOST"), g_getenv ("BFG_TEST_PG_PORT"),
                           dbname, g_getenv ("BFG_TEST_PG_SUPERUSER"),
                           g_getenv ("BFG_TEST_PG_SUPERPASS"), "verify-full",
                           g_getenv ("BFG_TEST_PG_CA"), "5", NULL };
  PGconn *conn = PQconnectdbParams (keywords, values, 0);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect as the superuser: %s", PQerrorMessage (conn));
  /* NOTICEs ("database does not exist, skipping") would break the TAP stream. */
  PQsetNoticeProcessor (conn, ignore_notice, NULL);

  return conn;
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

static char *
admin_value (PGconn     *conn,
             const char *sql)
{
  PGresult *res = PQexec (conn, sql);
  char *value;

  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s failed: %s", sql, PQerrorMessage (conn));
  value = g_strdup (PQgetvalue (res, 0, 0));
  PQclear (res);

  return value;
}

/* A fresh database per test: the fixture schema (unless @with_schema is
 * FALSE), the test role's grants, then @mutation to break something. */
static void
make_database (const char *dbname,
               gboolean    with_schema,
               const char *mutation)
{
  g_autofree char *drop = g_strdup_printf ("drop database if exists %s with (force)", dbname);
  g_autofree char *create = g_strdup_printf ("create database %s", dbname);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "probe-schema.sql",
                                                 NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  const char *user = g_getenv ("BFG_TEST_PG_USER");
  PGconn *conn;

  conn = admin_connect ("postgres");
  admin_exec (conn, drop);
  admin_exec (conn, create);
  PQfinish (conn);

  if (!with_schema)
    return;

  g_file_get_contents (path, &sql, NULL, &error);
  g_assert_no_error (error);

  conn = admin_connect (dbname);
  admin_exec (conn, sql);
  {
    g_autofree char *grants =
      g_strdup_printf ("grant usage on schema bfg_flowcontrol to %s;"
                       "grant select, insert, update, delete on all tables in schema "
                       "bfg_flowcontrol to %s;", user, user);
    admin_exec (conn, grants);
  }
  if (mutation != NULL)
    admin_exec (conn, mutation);
  PQfinish (conn);
}

static BfgEndpoint *
make_endpoint (const char *host,
               guint       port,
               const char *dbname,
               const char *user,
               BfgSslMode  mode,
               const char *ca_file)
{
  return bfg_endpoint_new (host ? host : g_getenv ("BFG_TEST_PG_HOST"),
                           port ? port : (guint) atoi (g_getenv ("BFG_TEST_PG_PORT")),
                           dbname,
                           user ? user : g_getenv ("BFG_TEST_PG_USER"),
                           mode,
                           ca_file ? ca_file : g_getenv ("BFG_TEST_PG_CA"));
}

static BfgProbeOptions *
make_options (BfgEndpoint *endpoint,
              const char  *password)
{
  BfgProbeOptions *options = bfg_probe_options_new (endpoint, TENANT);

  bfg_probe_options_set_password (options, password ? password
                                                    : g_getenv ("BFG_TEST_PG_PASSWORD"));
  bfg_probe_options_set_connect_timeout (options, 2);
  bfg_probe_options_set_step_timeout (options, 10);

  return options;
}

/* One event of the progress function, as it arrived. */
typedef struct
{
  BfgProbeEvent   event;
  char           *step_id;
  BfgProbeStatus  status;
  gint64          ms;
  char           *detail;
  gint64          at_us;
} SeenEvent;

/* What the progress function of one probe saw, and when the result came. */
typedef struct
{
  GThread       *thread;
  GCancellable  *cancellable;
  gboolean       async;
  GArray        *events;
  GAsyncResult  *async_result;
  gint64         done_us;
} Seen;

static void
seen_event_clear (gpointer data)
{
  SeenEvent *event = data;

  g_free (event->step_id);
  g_free (event->detail);
}

static void
seen_init (Seen         *seen,
           GCancellable *cancellable,
           gboolean      async)
{
  memset (seen, 0, sizeof *seen);
  seen->thread = g_thread_self ();
  seen->cancellable = cancellable;
  seen->async = async;
  seen->events = g_array_new (FALSE, TRUE, sizeof (SeenEvent));
  g_array_set_clear_func (seen->events, seen_event_clear);
}

static void
seen_clear (Seen *seen)
{
  g_clear_pointer (&seen->events, g_array_unref);
  g_clear_object (&seen->async_result);
}

static void
on_progress_cb (BfgProbeEvent   event,
                const char     *step_id,
                BfgProbeStatus  status,
                gint64          ms,
                const char     *detail,
                gpointer        user_data)
{
  Seen *seen = user_data;
  SeenEvent seen_event = { event, g_strdup (step_id), status, ms, g_strdup (detail),
                           g_get_monotonic_time () };

  /* In the thread, and the main context, that started the probe; before
   * its result; never once it was cancelled. */
  g_assert_true (g_thread_self () == seen->thread);
  if (seen->async)
    g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_null (seen->async_result);
  g_assert_false (g_cancellable_is_cancelled (seen->cancellable));

  g_array_append_val (seen->events, seen_event);
}

/* Every step ends with one finished event, in step order, the same as the
 * result; a step that ran was announced first, a skipped one was not.
 * Without a result (a cancelled probe), what came must be a prefix. */
static void
assert_progress (Seen           *seen,
                 BfgProbeResult *result)
{
  const char * const *ids = bfg_probe_step_ids ();
  guint next = 0;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      SeenEvent *event;

      if (result == NULL && next == seen->events->len)
        return;
      g_assert_cmpuint (next, <, seen->events->len);
      event = &g_array_index (seen->events, SeenEvent, next);

      if (event->event == BFG_PROBE_EVENT_STEP_STARTED)
        {
          g_assert_cmpstr (event->step_id, ==, ids[i]);
          g_assert_null (event->detail);
          if (result != NULL)
            g_assert_cmpint (bfg_probe_result_get_step_status (result, ids[i]), !=,
                             BFG_PROBE_STATUS_SKIPPED);
          next++;
          if (result == NULL && next == seen->events->len)
            return;
          g_assert_cmpuint (next, <, seen->events->len);
          event = &g_array_index (seen->events, SeenEvent, next);
        }
      else if (result != NULL)
        {
          g_assert_cmpint (bfg_probe_result_get_step_status (result, ids[i]), ==,
                           BFG_PROBE_STATUS_SKIPPED);
        }

      g_assert_cmpint (event->event, ==, BFG_PROBE_EVENT_STEP_FINISHED);
      g_assert_cmpstr (event->step_id, ==, ids[i]);
      if (result != NULL)
        {
          g_assert_cmpint (event->status, ==,
                           bfg_probe_result_get_step_status (result, ids[i]));
          g_assert_cmpint (event->ms, ==, bfg_probe_result_get_step_ms (result, ids[i]));
          g_assert_cmpstr (event->detail, ==,
                           bfg_probe_result_get_step_detail (result, ids[i]));
        }
      next++;
    }

  g_assert_cmpuint (next, ==, seen->events->len);
}

static void
on_probe_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Seen *seen = user_data;

  seen->async_result = g_object_ref (result);
  seen->done_us = g_get_monotonic_time ();
  g_main_context_wakeup (NULL);
}

/* Runs the probe through the async API, as the UI does, following its
 * steps, and checks what must hold for every result: the events agree
 * with it, no secret is in the JSON or the logs, and no step after a
 * failure passed. @seen_out, when given, gets what the progress saw. */
static BfgProbeResult *
run_probe_full (BfgProbeOptions *options,
                GCancellable    *cancellable,
                Seen            *seen_out,
                GError         **error)
{
  g_autofree char *json = NULL;
  const char *password = g_getenv ("BFG_TEST_PG_PASSWORD");
  BfgProbeResult *result;
  gboolean failed = FALSE;
  Seen seen;

  seen_init (&seen, cancellable, TRUE);
  bfg_probe_options_set_progress_func (options, on_progress_cb, &seen, NULL);
  bfg_probe_run_async (options, cancellable, on_probe_done_cb, &seen);
  /* The probe holds the function now; the options may let go of it. */
  bfg_probe_options_set_progress_func (options, NULL, NULL, NULL);
  while (seen.async_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* A late event would fail on_progress_cb's checks here. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  result = bfg_probe_run_finish (seen.async_result, error);
  assert_progress (&seen, result);
  if (seen_out != NULL)
    *seen_out = seen;
  else
    seen_clear (&seen);
  if (result == NULL)
    return NULL;

  json = bfg_probe_result_to_json (result, FALSE);
  g_test_message ("probe: %s", json);
  g_assert_null (strstr (json, password));
  g_assert_null (strstr (json, "wrong-password-123"));
  test_log_capture_assert_lacks (&log_capture, password);
  test_log_capture_assert_lacks (&log_capture, "wrong-password-123");

  for (const char * const *id = bfg_probe_step_ids (); *id != NULL; id++)
    {
      BfgProbeStatus status = bfg_probe_result_get_step_status (result, *id);

      if (failed)
        g_assert_cmpint (status, ==, BFG_PROBE_STATUS_SKIPPED);
      if (status != BFG_PROBE_STATUS_PASS)
        failed = TRUE;
    }
  g_assert_true (failed == !bfg_probe_result_get_passed (result));
  g_assert_true (failed == (bfg_probe_result_get_error (result) != NULL));

  return result;
}

static BfgProbeResult *
run_probe (BfgProbeOptions *options,
           GCancellable    *cancellable,
           GError         **error)
{
  return run_probe_full (options, cancellable, NULL, error);
}

/* Asserts that @step failed with @code and that every step before it passed. */
static void
assert_fails_at (BfgProbeResult *result,
                 const char     *step,
                 gint            code)
{
  const GError *error = bfg_probe_result_get_error (result);
  gboolean before = TRUE;

  g_assert_nonnull (error);
  g_assert_error ((GError *) error, BFG_PROBE_ERROR, code);
  g_assert_false (bfg_probe_result_get_passed (result));

  for (const char * const *id = bfg_probe_step_ids (); *id != NULL; id++)
    {
      BfgProbeStatus status = bfg_probe_result_get_step_status (result, *id);

      if (g_str_equal (*id, step))
        {
          g_assert_cmpint (status, ==, BFG_PROBE_STATUS_FAIL);
          g_assert_cmpstr (bfg_probe_result_get_step_detail (result, *id), ==, error->message);
          before = FALSE;
        }
      else if (before)
        g_assert_cmpint (status, ==, BFG_PROBE_STATUS_PASS);
      else
        g_assert_cmpint (status, ==, BFG_PROBE_STATUS_SKIPPED);
    }
}

static BfgProbeResult *
probe_database (const char *dbname,
                const char *user,
                const char *password)
{
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autoptr(BfgProbeOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  BfgProbeResult *result;

  endpoint = make_endpoint (NULL, 0, dbname, user, BFG_SSL_MODE_VERIFY_FULL, NULL);
  options = make_options (endpoint, password);
  result = run_probe (options, NULL, &error);
  g_assert_no_error (error);

  return result;
}

static void
test_happy_path (void)
{
  g_autoptr(BfgProbeResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *left = NULL;
  JsonObject *object;
  JsonArray *steps;
  const char *fingerprint;
  PGconn *conn;

  make_database ("bfg_probe_happy", TRUE, NULL);
  result = probe_database ("bfg_probe_happy", NULL, NULL);

  g_assert_null (bfg_probe_result_get_error (result));
  g_assert_true (bfg_probe_result_get_passed (result));

  fingerprint = bfg_probe_result_get_fingerprint (result);
  g_assert_nonnull (fingerprint);
  g_assert_true (g_str_has_prefix (fingerprint, "sha256:"));
  g_assert_cmpuint (strlen (fingerprint), ==, strlen ("sha256:") + 32 * 3 - 1);
  g_assert_true (g_str_has_prefix (bfg_probe_result_get_endpoint (result), "postgresql://"));
  g_assert_true (g_str_has_suffix (bfg_probe_result_get_endpoint (result),
                                   "/bfg_probe_happy?sslmode=verify-full"));

  node = bfg_probe_result_to_json_node (result);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "fingerprint"), ==, fingerprint);
  steps = json_object_get_array_member (object, "steps");
  g_assert_cmpuint (json_array_get_length (steps), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);

      g_assert_cmpstr (json_object_get_string_member (step, "id"), ==,
                       bfg_probe_step_ids ()[i]);
      g_assert_cmpstr (json_object_get_string_member (step, "status"), ==, "pass");
      g_assert_true (json_object_has_member (step, "ms"));
      g_assert_true (json_object_has_member (step, "detail"));
    }

  /* Nothing the probe wrote survived. */
  conn = admin_connect ("bfg_probe_happy");
  left = admin_value (conn,
                      "select (select count(*) from bfg_flowcontrol.tenants"
                      "        where tenant_id like 'bfg-probe-%')"
                      "     + (select count(*) from bfg_flowcontrol.scenario_snapshots)");
  g_assert_cmpstr (left, ==, "0");
  PQfinish (conn);
}

static void
test_sync_api (void)
{
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autoptr(BfgProbeOptions) options = NULL;
  g_autoptr(BfgProbeResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Seen seen;

  make_database ("bfg_probe_sync", TRUE, NULL);
  endpoint = make_endpoint (NULL, 0, "bfg_probe_sync", NULL, BFG_SSL_MODE_VERIFY_CA, NULL);
  options = make_options (endpoint, NULL);
  seen_init (&seen, NULL, FALSE);
  bfg_probe_options_set_progress_func (options, on_progress_cb, &seen, NULL);
  result = bfg_probe_run_sync (options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bfg_probe_result_get_passed (result));
  g_assert_nonnull (strstr (bfg_probe_result_get_step_detail (result, BFG_PROBE_STEP_TLS),
                            "verify-ca"));

  /* The blocking form reports from the calling thread, all of it before
   * it returns. */
  g_assert_cmpuint (seen.events->len, ==, 8);
  assert_progress (&seen, result);
  seen_clear (&seen);
}

static void
test_host_not_found (void)
{
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autoptr(BfgProbeOptions) options = NULL;
  g_autoptr(BfgProbeResult) result = NULL;
  g_autoptr(GError) error = NULL;

  endpoint = make_endpoint ("bfg-probe-test.invalid", 0, "bfg", NULL,
                            BFG_SSL_MODE_VERIFY_FULL, NULL);
  options = make_options (endpoint, NULL);
  result = run_probe (options, NULL, &error);
  g_assert_no_error (error);
  assert_fails_at (result, BFG_PROBE_STEP_REACHABILITY, BFG_PROBE_ERROR_HOST_NOT_FOUND);
  g_assert_nonnull (strstr (bfg_probe_result_get_error (result)->message,
                            "bfg-probe-test.invalid"));
}

static guint
closed_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  /* Closing a bound but not listening socket leaves the port refusing. */
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_connection_refused (void)
{
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autoptr(BfgProbeOptions) options = NULL;
  g_autoptr(BfgProbeResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  endpoint = make_endpoint ("127.0.0.1", closed_port (), "bfg", NULL,
                            BFG_SSL_MODE_VERIFY_FULL, NULL);
  options = make_options (endpoint, NULL);
  result = run_probe (options, NULL, &error);
  g_assert_no_error (error);
  assert_fails_at (result, BFG_PROBE_STEP_REACHABILITY, BFG_PROBE_ERROR_CONNECTION_REFUSED);

  /* A server that is down fails fast, well within the connect timeout. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

/* Fake servers on loopback, each misbehaving one way. */

typedef enum
{
  FAKE_BLACKHOLE,
  FAKE_CLOSE,
  FAKE_NO_TLS,
  FAKE_WRONG_HOST,
} FakeMode;

typedef struct
{
  FakeMode          mode;
  GSocketService   *service;
  GTlsCertificate  *certificate;
  GPtrArray        *held;
  guint             port;
} FakeServer;

static gboolean
on_fake_run_cb (GThreadedSocketService *service,
                GSocketConnection      *connection,
                GObject                *source,
                gpointer                user_data)
{
  FakeServer *fake = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GIOStream) tls = NULL;
  guchar request[8];
  gsize n;

  if (fake->mode == FAKE_CLOSE)
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }

  if (!g_input_stream_read_all (in, request, sizeof request, &n, NULL, NULL) || n != 8)
    return TRUE;

  if (fake->mode == FAKE_NO_TLS)
    {
      g_output_stream_write_all (out, "N", 1, NULL, NULL, NULL);
      return TRUE;
    }

  g_output_stream_write_all (out, "S", 1, NULL, NULL, NULL);
  tls = g_tls_server_connection_new (G_IO_STREAM (connection), fake->certificate, NULL);
  g_tls_connection_handshake (G_TLS_CONNECTION (tls), NULL, NULL);
  g_io_stream_close (tls, NULL, NULL);

  return TRUE;
}

static void
on_blackhole_incoming_cb (void)
{
}

static FakeServer *
fake_server_new (FakeMode    mode,
                 const char *cert_file,
                 const char *key_file)
{
  FakeServer *fake = g_new0 (FakeServer, 1);
  g_autoptr(GError) error = NULL;

  fake->mode = mode;
  fake->held = g_ptr_array_new_with_free_func (g_object_unref);

  if (mode == FAKE_BLACKHOLE)
    {
      /* A backlog of zero and one connection parked in it: the kernel
       * drops every further SYN, so connecting hangs like a firewall. */
      g_autoptr(GSocketClient) client = g_socket_client_new ();
      g_autofree char *address = NULL;
      GSocketConnection *parked;

      fake->service = g_socket_service_new ();
      g_socket_listener_set_backlog (G_SOCKET_LISTENER (fake->service), 0);
      fake->port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (fake->service),
                                                        NULL, &error);
      g_assert_no_error (error);
      g_signal_connect (fake->service, "incoming", G_CALLBACK (on_blackhole_incoming_cb), NULL);
      g_socket_service_stop (fake->service);

      g_socket_client_set_timeout (client, 1);
      for (int i = 0; i < 3; i++)
        {
          address = g_strdup_printf ("127.0.0.1:%u", fake->port);
          parked = g_socket_client_connect_to_host (client, address, 0, NULL, NULL);
          g_clear_pointer (&address, g_free);
          if (parked == NULL)
            break;
          g_ptr_array_add (fake->held, parked);
        }
      return fake;
    }

  if (cert_file != NULL)
    {
      fake->certificate = g_tls_certificate_new_from_files (cert_file, key_file, &error);
      g_assert_no_error (error);
    }

  fake->service = g_threaded_socket_service_new (4);
  fake->port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (fake->service),
                                                    NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (fake->service, "run", G_CALLBACK (on_fake_run_cb), fake);
  g_socket_service_start (fake->service);

  return fake;
}

static void
fake_server_free (FakeServer *fake)
{
  g_socket_service_stop (fake->service);
  g_socket_listener_close (G_SOCKET_LISTENER (fake->service));
  g_clear_object (&fake->service);
  g_clear_object (&fake->certificate);
  g_ptr_array_unref (fake->held);
  g_free (fake);
}

static BfgProbeResult *
probe_fake (FakeServer *fake,
            BfgSslMode  mode,
            const char *ca_file)
{
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autoptr(BfgProbeOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  BfgProbeResult *result;

  endpoint = make_endpoint ("127.0.0.1", fake->port, "bfg", NULL, mode, ca_file);
  options = make_options (endpoint, NULL);
  bfg_probe_options_set_connect_timeout (options, 1);
  result = run_probe (options, NULL, &error);
  g_assert_no_error (error);

  return result;
}

static void
test_timeout (void)
{
  FakeServer *fake = fake_server_new (FAKE_BLACKHOLE, NULL, NULL);
  g_autoptr(BfgProbeResult) result = NULL;
  gint64 start = g_get_monotonic_time ();
  const GError *error;

  result = probe_fake (fake, BFG_SSL_MODE_VERIFY_FULL, NULL);
  error = bfg_probe_result_get_error (result);
  g_assert_error ((GError *) error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_TIMEOUT);

  /* The kernel may still complete a handshake; then the silent server
   * times out the TLS request instead. Either way within the timeout. */
  if (bfg_probe_result_get_step_status (result, BFG_PROBE_STEP_REACHABILITY) ==
      BFG_PROBE_STATUS_PASS)
    assert_fails_at (result, BFG_PROBE_STEP_TLS, BFG_PROBE_ERROR_TIMEOUT);
  else
    assert_fails_at (result, BFG_PROBE_STEP_REACHABILITY, BFG_PROBE_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);

  fake_server_free (fake);
}

static void
test_cancel (void)
{
  FakeServer *fake = fake_server_new (FAKE_BLACKHOLE, NULL, NULL);
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autoptr(BfgProbeOptions) options = NULL;
  g_autoptr(BfgProbeResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  Seen seen;

  endpoint = make_endpoint ("127.0.0.1", fake->port, "bfg", NULL,
                            BFG_SSL_MODE_VERIFY_FULL, NULL);
  options = make_options (endpoint, NULL);
  bfg_probe_options_set_connect_timeout (options, 30);
  g_timeout_add_once (200, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  /* run_probe_full() fails on any event delivered after the cancellation,
   * and on any that is not a prefix of the steps in order. */
  result = run_probe_full (options, cancellable, &seen, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);

  /* Whichever step hung on the blackhole (the connect, or the TLS
   * request when the kernel took the connection after all) may have been
   * seen to start, but its end, a cancellation, is never reported. */
  if (seen.events->len > 0)
    g_assert_cmpint (g_array_index (seen.events, SeenEvent, seen.events->len - 1).event, ==,
                     BFG_PROBE_EVENT_STEP_STARTED);
  seen_clear (&seen);

  fake_server_free (fake);
}

/* Listens and never accepts: the kernel completes the TCP handshake into
 * the backlog, and nothing ever answers. */
static GSocket *
listen_silently (guint *port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  GSocket *socket;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, TRUE, &error);
  g_assert_no_error (error);
  g_socket_set_listen_backlog (socket, 16);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  return socket;
}

/* Steps are reported as they end, not with the result: reachability is
 * known while the TLS step still waits on a server that never answers. */
static void
test_progress_live (void)
{
  g_autoptr(GSocket) silent = NULL;
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autoptr(BfgProbeOptions) options = NULL;
  g_autoptr(BfgProbeResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SeenEvent *reached;
  SeenEvent *tls;
  Seen seen;
  guint port;

  silent = listen_silently (&port);
  endpoint = make_endpoint ("127.0.0.1", port, "bfg", NULL, BFG_SSL_MODE_VERIFY_FULL, NULL);
  options = make_options (endpoint, NULL);
  bfg_probe_options_set_connect_timeout (options, 2);
  result = run_probe_full (options, NULL, &seen, &error);
  g_assert_no_error (error);
  assert_fails_at (result, BFG_PROBE_STEP_TLS, BFG_PROBE_ERROR_TIMEOUT);

  g_assert_cmpuint (seen.events->len, ==, 6);
  reached = &g_array_index (seen.events, SeenEvent, 1);
  tls = &g_array_index (seen.events, SeenEvent, 2);
  g_assert_cmpint (reached->event, ==, BFG_PROBE_EVENT_STEP_FINISHED);
  g_assert_cmpstr (reached->step_id, ==, BFG_PROBE_STEP_REACHABILITY);
  g_assert_cmpint (reached->status, ==, BFG_PROBE_STATUS_PASS);
  g_assert_cmpint (tls->event, ==, BFG_PROBE_EVENT_STEP_STARTED);
  g_assert_cmpstr (tls->step_id, ==, BFG_PROBE_STEP_TLS);

  /* The TLS step waited its 2 s timeout after both arrived. */
  g_test_message ("reachability reported %" G_GINT64_FORMAT " ms before the result",
                  (seen.done_us - reached->at_us) / 1000);
  g_assert_cmpint (seen.done_us - tls->at_us, >, G_USEC_PER_SEC);

  seen_clear (&seen);
}

static void
test_server_down (void)
{
  FakeServer *fake = fake_server_new (FAKE_CLOSE, NULL, NULL);
  g_autoptr(BfgProbeResult) result = NULL;
  gint64 start = g_get_monotonic_time ();

  result = probe_fake (fake, BFG_SSL_MODE_VERIFY_FULL, NULL);
  assert_fails_at (result, BFG_PROBE_STEP_TLS, BFG_PROBE_ERROR_SERVER_GONE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);

  fake_server_free (fake);
}

static void
test_no_tls (void)
{
  FakeServer *fake = fake_server_new (FAKE_NO_TLS, NULL, NULL);
  g_autoptr(BfgProbeResult) result = NULL;

  result = probe_fake (fake, BFG_SSL_MODE_REQUIRE, NULL);
  assert_fails_at (result, BFG_PROBE_STEP_TLS, BFG_PROBE_ERROR_NO_TLS);
  g_assert_nonnull (strstr (bfg_probe_result_get_error (result)->message,
                            "does not offer TLS"));

  fake_server_free (fake);
}

static void
openssl (const char *args)
{
  g_autofree char *command = g_strdup_printf ("openssl %s", args);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_command_line_sync (command, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", command, err);
}

/* A second CA and, signed by it, a certificate for @san. */
static void
make_other_ca (const char *san)
{
  g_autofree char *ext = g_build_filename (scratch_dir, "other.ext", NULL);
  g_autofree char *ext_text = g_strdup_printf ("subjectAltName=%s\n", san);
  g_autofree char *args = NULL;

  g_file_set_contents (ext, ext_text, -1, NULL);
  args = g_strdup_printf ("req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=Other "
                          "-keyout %1$s/other-ca.key -out %1$s/other-ca.crt", scratch_dir);
  openssl (args);
  g_free (args);
  args = g_strdup_printf ("req -newkey rsa:2048 -nodes -subj /CN=wrong "
                          "-keyout %1$s/other.key -out %1$s/other.csr", scratch_dir);
  openssl (args);
  g_free (args);
  args = g_strdup_printf ("x509 -req -in %1$s/other.csr -CA %1$s/other-ca.crt "
                          "-CAkey %1$s/other-ca.key -CAcreateserial -days 1 "
                          "-extfile %1$s/other.ext -out %1$s/other.crt", scratch_dir);
  openssl (args);
}

static void
test_cert_untrusted (void)
{
  g_autofree char *other_ca = g_build_filename (scratch_dir, "other-ca.crt", NULL);
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autoptr(BfgProbeOptions) options = NULL;
  g_autoptr(BfgProbeResult) result = NULL;
  g_autoptr(GError) error = NULL;

  make_other_ca ("DNS:wrong.invalid");
  make_database ("bfg_probe_ca", TRUE, NULL);

  /* The real server, checked against a CA that did not sign it. */
  endpoint = make_endpoint (NULL, 0, "bfg_probe_ca", NULL, BFG_SSL_MODE_VERIFY_FULL, other_ca);
  options = make_options (endpoint, NULL);
  result = run_probe (options, NULL, &error);
  g_assert_no_error (error);
  assert_fails_at (result, BFG_PROBE_STEP_TLS, BFG_PROBE_ERROR_CERT_UNTRUSTED);
  g_assert_nonnull (bfg_probe_result_get_fingerprint (result));
}

static void
test_cert_host_mismatch (void)
{
  g_autofree char *ca = g_build_filename (scratch_dir, "other-ca.crt", NULL);
  g_autofree char *cert = g_build_filename (scratch_dir, "other.crt", NULL);
  g_autofree char *key = g_build_filename (scratch_dir, "other.key", NULL);
  FakeServer *fake;
  g_autoptr(BfgProbeResult) full = NULL;
  g_autoptr(BfgProbeResult) chain_only = NULL;

  make_other_ca ("DNS:wrong.invalid");
  fake = fake_server_new (FAKE_WRONG_HOST, cert, key);

  full = probe_fake (fake, BFG_SSL_MODE_VERIFY_FULL, ca);
  assert_fails_at (full, BFG_PROBE_STEP_TLS, BFG_PROBE_ERROR_CERT_HOST_MISMATCH);

  /* verify-ca checks the chain only, so the same certificate passes TLS. */
  chain_only = probe_fake (fake, BFG_SSL_MODE_VERIFY_CA, ca);
  g_assert_cmpint (bfg_probe_result_get_step_status (chain_only, BFG_PROBE_STEP_TLS), ==,
                   BFG_PROBE_STATUS_PASS);
  g_assert_false (bfg_probe_result_get_passed (chain_only));

  fake_server_free (fake);
}

static void
test_wrong_password (void)
{
  g_autoptr(BfgProbeResult) result = NULL;

  make_database ("bfg_probe_auth", TRUE, NULL);
  result = probe_database ("bfg_probe_auth", NULL, "wrong-password-123");
  assert_fails_at (result, BFG_PROBE_STEP_RBAC_SESSION, BFG_PROBE_ERROR_AUTH_FAILED);
}

static void
test_unknown_role (void)
{
  g_autoptr(BfgProbeResult) result = NULL;
  const GError *error;

  make_database ("bfg_probe_auth", TRUE, NULL);
  result = probe_database ("bfg_probe_auth", "bfg_no_such_role", NULL);

  /* Under scram-sha-256 the server answers an unknown role exactly like
   * a wrong password, so that roles cannot be enumerated; the message
   * names the role and says so. */
  error = bfg_probe_result_get_error (result);
  g_assert_true (g_error_matches (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_AUTH_FAILED) ||
                 g_error_matches (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_UNKNOWN_ROLE));
  assert_fails_at (result, BFG_PROBE_STEP_RBAC_SESSION, error->code);
  g_assert_nonnull (strstr (error->message, "bfg_no_such_role"));
}

static void
test_superuser (void)
{
  g_autoptr(BfgProbeResult) result = NULL;

  make_database ("bfg_probe_super", TRUE, NULL);
  result = probe_database ("bfg_probe_super", g_getenv ("BFG_TEST_PG_SUPERUSER"),
                           g_getenv ("BFG_TEST_PG_SUPERPASS"));
  assert_fails_at (result, BFG_PROBE_STEP_RBAC_SESSION, BFG_PROBE_ERROR_PRIVILEGED_ROLE);
}

static void
test_schema_missing (void)
{
  g_autoptr(BfgProbeResult) result = NULL;

  make_database ("bfg_probe_empty", FALSE, NULL);
  result = probe_database ("bfg_probe_empty", NULL, NULL);
  assert_fails_at (result, BFG_PROBE_STEP_RBAC_SESSION, BFG_PROBE_ERROR_SCHEMA_MISSING);
  g_assert_nonnull (strstr (bfg_probe_result_get_error (result)->message,
                            "ProductionAdapterMigrationRunbook.v1"));
}

static void
test_rls_disabled (void)
{
  g_autoptr(BfgProbeResult) disabled = NULL;
  g_autoptr(BfgProbeResult) not_forced = NULL;

  make_database ("bfg_probe_norls", TRUE,
                 "alter table bfg_flowcontrol.orders disable row level security");
  disabled = probe_database ("bfg_probe_norls", NULL, NULL);
  assert_fails_at (disabled, BFG_PROBE_STEP_RBAC_SESSION, BFG_PROBE_ERROR_RLS_DISABLED);
  g_assert_nonnull (strstr (bfg_probe_result_get_error (disabled)->message,
                            "bfg_flowcontrol.orders"));

  make_database ("bfg_probe_norls", TRUE,
                 "alter table bfg_flowcontrol.documents no force row level security");
  not_forced = probe_database ("bfg_probe_norls", NULL, NULL);
  assert_fails_at (not_forced, BFG_PROBE_STEP_RBAC_SESSION, BFG_PROBE_ERROR_RLS_DISABLED);
  g_assert_nonnull (strstr (bfg_probe_result_get_error (not_forced)->message,
                            "bfg_flowcontrol.documents"));
  g_assert_nonnull (strstr (bfg_probe_result_get_error (not_forced)->message, "forced"));
}

static void
test_rls_leak (void)
{
  g_autoptr(BfgProbeResult) result = NULL;

  make_database ("bfg_probe_leak", TRUE,
                 "drop policy bfg_tenant_orders on bfg_flowcontrol.orders;"
                 "create policy bfg_everyone on bfg_flowcontrol.orders using (true)");
  result = probe_database ("bfg_probe_leak", NULL, NULL);
  assert_fails_at (result, BFG_PROBE_STEP_RBAC_SESSION, BFG_PROBE_ERROR_RLS_LEAK);
  g_assert_nonnull (strstr (bfg_probe_result_get_error (result)->message,
                            "bfg_flowcontrol.orders"));
}

static void
test_read_only_role (void)
{
  g_autoptr(BfgProbeResult) result = NULL;
  PGconn *conn;

  make_database ("bfg_probe_ro", TRUE, NULL);
  conn = admin_connect ("bfg_probe_ro");
  admin_exec (conn,
              "do $$ begin"
              "  if not exists (select from pg_roles where rolname = 'bfg_probe_ro') then"
              "    create role bfg_probe_ro login password 'ro-secret-123';"
              "  end if;"
              " end $$;"
              "grant usage on schema bfg_flowcontrol to bfg_probe_ro;"
              "grant select on all tables in schema bfg_flowcontrol to bfg_probe_ro;");
  PQfinish (conn);

  result = probe_database ("bfg_probe_ro", "bfg_probe_ro", "ro-secret-123");
  assert_fails_at (result, BFG_PROBE_STEP_WRITE_PROBE, BFG_PROBE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (bfg_probe_result_get_error (result)->message, "bfg_probe_ro"));
  g_assert_nonnull (strstr (bfg_probe_result_get_step_detail (result,
                                                              BFG_PROBE_STEP_RBAC_SESSION),
                            "may not insert"));
}

static gpointer
terminate_probe_backend (gpointer data)
{
  PGconn *conn = admin_connect ("postgres");
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* Wait until the probe sits in the slow policy, then end its backend
   * the way a crashing or restarting server would. */
  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *killed =
        admin_value (conn,
                     "select count(pg_terminate_backend(pid)) from pg_stat_activity"
                     " where datname = 'bfg_probe_gone'"
                     " and application_name = 'bfg-console-probe'"
                     " and wait_event = 'PgSleep'");
      if (g_strcmp0 (killed, "0") != 0)
        break;
      g_usleep (20000);
    }
  PQfinish (conn);

  return NULL;
}

static void
test_server_gone (void)
{
  g_autoptr(BfgProbeResult) result = NULL;
  GThread *killer;

  make_database ("bfg_probe_gone", TRUE,
                 "drop policy bfg_tenant_documents on bfg_flowcontrol.documents;"
                 "create policy bfg_slow on bfg_flowcontrol.documents using"
                 " (tenant_id = current_setting('bfg.tenant_id', true)"
                 "  and pg_sleep(3) is not null)");
  killer = g_thread_new ("killer", terminate_probe_backend, NULL);
  result = probe_database ("bfg_probe_gone", NULL, NULL);
  g_thread_join (killer);

  assert_fails_at (result, BFG_PROBE_STEP_RBAC_SESSION, BFG_PROBE_ERROR_SERVER_GONE);
}

static void
test_keyring_unavailable (void)
{
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autoptr(BfgProbeOptions) options = NULL;
  g_autoptr(BfgProbeResult) result = NULL;
  g_autoptr(GError) locked = NULL;
  g_autoptr(GError) error = NULL;

  endpoint = make_endpoint (NULL, 0, "bfg", NULL, BFG_SSL_MODE_VERIFY_FULL, NULL);
  options = bfg_probe_options_new (endpoint, TENANT);
  locked = g_error_new_literal (BFG_SECRET_ERROR, BFG_SECRET_ERROR_LOCKED,
                                "The keyring is locked and stayed locked");
  bfg_probe_options_set_password_error (options, locked);

  result = run_probe (options, NULL, &error);
  g_assert_no_error (error);
  g_assert_error ((GError *) bfg_probe_result_get_error (result),
                  BFG_SECRET_ERROR, BFG_SECRET_ERROR_LOCKED);
  for (const char * const *id = bfg_probe_step_ids (); *id != NULL; id++)
    g_assert_cmpint (bfg_probe_result_get_step_status (result, *id), ==,
                     BFG_PROBE_STATUS_SKIPPED);
}

static void
write_rotated_certificate (const char *dir)
{
  g_autofree char *args = NULL;
  struct passwd *pw = getpwnam ("postgres");

  args = g_strdup_printf ("req -newkey rsa:2048 -nodes -subj /CN=localhost "
                          "-keyout %1$s/rotated.key -out %1$s/rotated.csr", dir);
  openssl (args);
  g_free (args);
  args = g_strdup_printf ("x509 -req -in %1$s/rotated.csr -CA %2$s -CAkey %3$s "
                          "-CAcreateserial -days 1 -extfile %1$s/san.ext "
                          "-out %1$s/rotated.crt", dir, g_getenv ("BFG_TEST_PG_CA"),
                          g_getenv ("BFG_TEST_PG_CA_KEY"));
  openssl (args);

  /* The server checks that its key belongs to it and is private. */
  {
    g_autofree char *key = g_build_filename (dir, "rotated.key", NULL);
    g_autofree char *crt = g_build_filename (dir, "rotated.crt", NULL);

    g_assert_no_errno (chmod (key, 0600));
    if (pw != NULL && getuid () == 0)
      {
        g_assert_no_errno (chown (key, pw->pw_uid, pw->pw_gid));
        g_assert_no_errno (chown (crt, pw->pw_uid, pw->pw_gid));
      }
  }
}

static char *
probe_fingerprint (BfgProbeOptions *options)
{
  g_autoptr(BfgProbeResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = run_probe (options, NULL, &error);
  g_assert_no_error (error);

  return g_strdup (bfg_probe_result_get_fingerprint (result));
}

static void
test_pinning (void)
{
  const char *dir = g_getenv ("BFG_TEST_PG_DIR");
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autoptr(BfgProbeOptions) options = NULL;
  g_autoptr(BfgProbeResult) pinned = NULL;
  g_autoptr(BfgProbeResult) rotated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *set = NULL;
  const char *message;
  PGconn *conn;

  if (dir == NULL || g_getenv ("BFG_TEST_PG_CA_KEY") == NULL)
    {
      g_test_skip ("BFG_TEST_PG_DIR and BFG_TEST_PG_CA_KEY are needed to rotate the "
                   "certificate");
      return;
    }

  make_database ("bfg_probe_pin", TRUE, NULL);
  endpoint = make_endpoint (NULL, 0, "bfg_probe_pin", NULL, BFG_SSL_MODE_VERIFY_FULL, NULL);
  options = make_options (endpoint, NULL);
  before = probe_fingerprint (options);
  g_assert_nonnull (before);

  bfg_probe_options_set_pinned_fingerprint (options, before);
  pinned = run_probe (options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bfg_probe_result_get_passed (pinned));

  /* Rotate: a new key and certificate from the same CA, then a reload. */
  write_rotated_certificate (dir);
  conn = admin_connect ("postgres");
  set = g_strdup_printf ("alter system set ssl_cert_file = '%s/rotated.crt'", dir);
  admin_exec (conn, set);
  g_free (set);
  set = g_strdup_printf ("alter system set ssl_key_file = '%s/rotated.key'", dir);
  admin_exec (conn, set);
  admin_exec (conn, "select pg_reload_conf()");

  for (int i = 0; i < 50; i++)
    {
      bfg_probe_options_set_pinned_fingerprint (options, NULL);
      g_free (after);
      after = probe_fingerprint (options);
      if (g_strcmp0 (after, before) != 0)
        break;
      g_usleep (100000);
    }
  g_assert_cmpstr (after, !=, before);

  bfg_probe_options_set_pinned_fingerprint (options, before);
  rotated = run_probe (options, NULL, &error);
  g_assert_no_error (error);

  /* Put the original certificate back before asserting anything. */
  admin_exec (conn, "alter system reset ssl_cert_file");
  admin_exec (conn, "alter system reset ssl_key_file");
  admin_exec (conn, "select pg_reload_conf()");
  PQfinish (conn);

  assert_fails_at (rotated, BFG_PROBE_STEP_TLS, BFG_PROBE_ERROR_PIN_MISMATCH);
  message = bfg_probe_result_get_error (rotated)->message;
  g_assert_nonnull (strstr (message, before));
  g_assert_nonnull (strstr (message, after));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  test_log_capture_start (&log_capture);

  g_test_init (&argc, &argv, NULL);
  bfg_test_require_pg ();

  scratch_dir = g_dir_make_tmp ("bfg-test-probe-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/probe/happy-path", test_happy_path);
  g_test_add_func ("/probe/sync-api", test_sync_api);
  g_test_add_func ("/probe/fault/host-not-found", test_host_not_found);
  g_test_add_func ("/probe/fault/connection-refused", test_connection_refused);
  g_test_add_func ("/probe/fault/timeout", test_timeout);
  g_test_add_func ("/probe/fault/server-down", test_server_down);
  g_test_add_func ("/probe/fault/no-tls", test_no_tls);
  g_test_add_func ("/probe/fault/cert-untrusted", test_cert_untrusted);
  g_test_add_func ("/probe/fault/cert-host-mismatch", test_cert_host_mismatch);
  g_test_add_func ("/probe/fault/wrong-password", test_wrong_password);
  g_test_add_func ("/probe/fault/unknown-role", test_unknown_role);
  g_test_add_func ("/probe/fault/superuser", test_superuser);
  g_test_add_func ("/probe/fault/schema-missing", test_schema_missing);
  g_test_add_func ("/probe/fault/rls-disabled", test_rls_disabled);
  g_test_add_func ("/probe/fault/rls-leak", test_rls_leak);
  g_test_add_func ("/probe/fault/read-only-role", test_read_only_role);
  g_test_add_func ("/probe/fault/server-gone-mid-probe", test_server_gone);
  g_test_add_func ("/probe/fault/keyring-unavailable", test_keyring_unavailable);
  g_test_add_func ("/probe/cancel", test_cancel);
  g_test_add_func ("/probe/progress/live", test_progress_live);
  g_test_add_func ("/probe/pinning", test_pinning);

  status = g_test_run ();

  {
    g_autoptr(GFile) dir = g_file_new_for_path (scratch_dir);
    g_autoptr(GFileEnumerator) children =
      g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
    GFileInfo *info;

    while (children != NULL &&
           (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));

        g_file_delete (child, NULL, NULL);
        g_object_unref (info);
      }
    g_file_delete (dir, NULL, NULL);
  }
  g_free (scratch_dir);

  return status;
}
