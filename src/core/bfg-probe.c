/* bfg-probe.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-probe"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "bfg-probe.h"

#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <string.h>

#include "bfg-error.h"

/* PostgreSQL's SSLRequest: a length of 8 and the magic code 1234.5679. */
#define SSL_REQUEST_CODE 80877103

/* The probe never writes a secret anywhere: the password goes straight
 * from the options into libpq's parameter array and is wiped when the
 * options are freed. No conninfo string is ever built, so none can leak
 * into a log. */

enum
{
  STEP_REACHABILITY,
  STEP_TLS,
  STEP_RBAC_SESSION,
  STEP_WRITE_PROBE,
  N_STEPS
};

static const char * const step_ids[] = {
  BFG_PROBE_STEP_REACHABILITY,
  BFG_PROBE_STEP_TLS,
  BFG_PROBE_STEP_RBAC_SESSION,
  BFG_PROBE_STEP_WRITE_PROBE,
  NULL
};

/* The tables of the runbook schema. Each one is tenant-scoped: it has a
 * tenant_id column and must have row-level security enabled and forced. */
static const char * const runbook_tables[] = {
  "audit_events",
  "documents",
  "driver_events",
  "finance_events",
  "orders",
  "scenario_snapshots",
  "tenants",
  "users",
  NULL
};

/* The progress function, shared by every copy of the options. Its data
 * is freed when the last copy lets go; a probe started with the options
 * lets go in the caller's main context, so a widget given as the data is
 * never released from the worker thread. */
typedef struct
{
  BfgProbeProgressFunc  func;
  gpointer              data;
  GDestroyNotify        destroy;
} ProgressFunc;

struct _BfgProbeOptions
{
  BfgEndpoint  *endpoint;
  char         *tenant_id;
  char         *password;
  GError       *password_error;
  char         *pinned_fingerprint;
  guint         connect_timeout;
  guint         step_timeout;
  ProgressFunc *progress;
};

G_DEFINE_BOXED_TYPE (BfgProbeOptions, bfg_probe_options,
                     bfg_probe_options_copy, bfg_probe_options_free)

typedef struct
{
  BfgProbeStatus  status;
  gint64          ms;
  char           *detail;
} Step;

struct _BfgProbeResult
{
  GObject  parent_instance;

  char    *endpoint;
  char    *fingerprint;
  char    *address;
  GError  *error;
  Step     steps[N_STEPS];
};

G_DEFINE_FINAL_TYPE (BfgProbeResult, bfg_probe_result, G_TYPE_OBJECT)

/* A watchdog thread cancels the probe's operations when the current
 * step runs past its deadline. Every blocking call of the probe (the
 * resolver, the TCP connect, the TLS handshake, libpq's poll loop) is
 * tied to that one cancellable, so one mechanism bounds them all. */
typedef struct
{
  GMutex        lock;
  GCond         cond;
  GThread      *thread;
  GCancellable *op;
  gint64        deadline;
  gboolean      fired;
  gboolean      quit;
} Watchdog;

/* One step event on its way from the worker to the caller. */
typedef struct
{
  BfgProbeEvent   event;
  int             step;
  BfgProbeStatus  status;
  gint64          ms;
  char           *detail;
} Event;

/* Carries the step events of one probe to the caller's main context. The
 * worker queues them; one idle source at a time drains the queue there,
 * in order; and the end of the probe drains whatever is left before the
 * caller's callback runs, so no event ever follows the result. Without a
 * context (bfg_probe_run_sync()) the worker calls the function itself.
 *
 * An idle source attached to the context, and not
 * g_main_context_invoke(): that one runs the function right in the worker
 * whenever the worker can acquire the context, as it can between two
 * iterations of a caller that iterates the global default context by
 * hand. */
typedef struct
{
  GMutex         lock;
  GQueue         events;
  gboolean       scheduled;
  GMainContext  *context;
  GCancellable  *cancellable;
  /* Touched only where the events are delivered. */
  ProgressFunc  *progress;
} Relay;

typedef struct
{
  BfgProbeOptions    *options;
  Relay              *relay;
  BfgProbeResult     *result;
  GCancellable       *cancellable;
  Watchdog            watchdog;
  gulong              cancelled_id;
  GSocketConnection  *tcp;
  PGconn             *conn;
  char               *role;
  guint               n_tables;
} Probe;

static const char *
status_nick (BfgProbeStatus status)
{
  switch (status)
    {
    case BFG_PROBE_STATUS_PASS:
      return "pass";
    case BFG_PROBE_STATUS_FAIL:
      return "fail";
    case BFG_PROBE_STATUS_SKIPPED:
      return "skipped";
    default:
      return NULL;
    }
}

/**
 * bfg_probe_status_to_string:
 * @status: a #BfgProbeStatus
 *
 * Returns: "pass", "fail" or "skipped"; these strings are identifiers
 *   and are not translated
 */
const char *
bfg_probe_status_to_string (BfgProbeStatus status)
{
  return status_nick (status);
}

/**
 * bfg_probe_step_ids:
 *
 * Returns: (transfer none): the step ids in the order they run:
 *   "reachability", "tls", "rbac-session", "write-probe"
 */
const char * const *
bfg_probe_step_ids (void)
{
  return step_ids;
}

static int
step_index (const char *step_id)
{
  for (int i = 0; i < N_STEPS; i++)
    {
      if (g_strcmp0 (step_ids[i], step_id) == 0)
        return i;
    }

  return -1;
}

/* Options */

/**
 * bfg_probe_options_new:
 * @endpoint: the endpoint to probe
 * @tenant_id: the tenant whose isolation the RBAC step proves
 *
 * Returns: (transfer full): options with a 5 s connect timeout, a 10 s
 *   timeout for every other step, no password and no pinned fingerprint
 */
BfgProbeOptions *
bfg_probe_options_new (BfgEndpoint *endpoint,
                       const char  *tenant_id)
{
  BfgProbeOptions *self;

  g_return_val_if_fail (BFG_IS_ENDPOINT (endpoint), NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);

  self = g_new0 (BfgProbeOptions, 1);
  self->endpoint = g_object_ref (endpoint);
  self->tenant_id = g_strdup (tenant_id);
  self->connect_timeout = BFG_PROBE_DEFAULT_CONNECT_TIMEOUT_SECONDS;
  self->step_timeout = BFG_PROBE_DEFAULT_STEP_TIMEOUT_SECONDS;

  return self;
}

/**
 * bfg_probe_options_copy:
 * @self: a #BfgProbeOptions
 *
 * Returns: (transfer full): a deep copy, password included
 */
BfgProbeOptions *
bfg_probe_options_copy (BfgProbeOptions *self)
{
  BfgProbeOptions *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = bfg_probe_options_new (self->endpoint, self->tenant_id);
  copy->password = g_strdup (self->password);
  copy->password_error = self->password_error ? g_error_copy (self->password_error) : NULL;
  copy->pinned_fingerprint = g_strdup (self->pinned_fingerprint);
  copy->connect_timeout = self->connect_timeout;
  copy->step_timeout = self->step_timeout;
  copy->progress = self->progress ? g_atomic_rc_box_acquire (self->progress) : NULL;

  return copy;
}

static void
progress_func_clear (gpointer data)
{
  ProgressFunc *progress = data;

  if (progress->destroy != NULL)
    progress->destroy (progress->data);
}

static void
progress_func_unref (ProgressFunc *progress)
{
  g_atomic_rc_box_release_full (progress, progress_func_clear);
}

static void
wipe_string (char **text)
{
  if (*text == NULL)
    return;

  explicit_bzero (*text, strlen (*text));
  g_clear_pointer (text, g_free);
}

/**
 * bfg_probe_options_free:
 * @self: (nullable): a #BfgProbeOptions
 *
 * Frees the options and wipes the password they hold.
 */
void
bfg_probe_options_free (BfgProbeOptions *self)
{
  if (self == NULL)
    return;

  wipe_string (&self->password);
  g_clear_object (&self->endpoint);
  g_clear_pointer (&self->tenant_id, g_free);
  g_clear_error (&self->password_error);
  g_clear_pointer (&self->pinned_fingerprint, g_free);
  g_clear_pointer (&self->progress, progress_func_unref);
  g_free (self);
}

/**
 * bfg_probe_options_set_password:
 * @self: a #BfgProbeOptions
 * @password: (nullable): the password of the endpoint's role
 *
 * The options keep a copy, wiped when they are freed.
 */
void
bfg_probe_options_set_password (BfgProbeOptions *self,
                                const char      *password)
{
  g_return_if_fail (self != NULL);

  wipe_string (&self->password);
  self->password = g_strdup (password);
}

/**
 * bfg_probe_options_set_password_error:
 * @self: a #BfgProbeOptions
 * @error: (nullable): why no password is available, usually a
 *   #BfgSecretError
 *
 * Tells the probe that the password could not be had (the keyring is
 * missing or locked). The probe then runs no step and reports @error.
 */
void
bfg_probe_options_set_password_error (BfgProbeOptions *self,
                                      const GError    *error)
{
  g_return_if_fail (self != NULL);

  g_clear_error (&self->password_error);
  if (error != NULL)
    self->password_error = g_error_copy (error);
}

/**
 * bfg_probe_options_set_pinned_fingerprint:
 * @self: a #BfgProbeOptions
 * @fingerprint: (nullable): an accepted "sha256:AB:CD:…" fingerprint
 *
 * When set, the TLS step fails unless the server presents exactly this
 * certificate.
 */
void
bfg_probe_options_set_pinned_fingerprint (BfgProbeOptions *self,
                                          const char      *fingerprint)
{
  g_return_if_fail (self != NULL);

  g_free (self->pinned_fingerprint);
  self->pinned_fingerprint = (fingerprint && *fingerprint) ? g_strdup (fingerprint) : NULL;
}

/**
 * bfg_probe_options_set_connect_timeout:
 * @self: a #BfgProbeOptions
 * @seconds: the limit for reachability, the TLS handshake and the login
 */
void
bfg_probe_options_set_connect_timeout (BfgProbeOptions *self,
                                       guint            seconds)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (seconds > 0);

  self->connect_timeout = seconds;
}

/**
 * bfg_probe_options_set_step_timeout:
 * @self: a #BfgProbeOptions
 * @seconds: the limit for the queries of the RBAC and write steps
 */
void
bfg_probe_options_set_step_timeout (BfgProbeOptions *self,
                                    guint            seconds)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (seconds > 0);

  self->step_timeout = seconds;
}

/**
 * bfg_probe_options_set_progress_func:
 * @self: a #BfgProbeOptions
 * @func: (nullable): called as each step starts and finishes
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data once neither these options, nor
 *   a copy, nor a probe started with them needs @func any more
 *
 * With bfg_probe_run_async(), @func runs in the thread-default main
 * context of the caller, never in the worker thread. Every event reaches
 * @func before the probe's callback runs. Once the probe's cancellable
 * is cancelled, events not yet delivered are dropped: cancelled in the
 * caller's context, the probe calls @func no more. With
 * bfg_probe_run_sync(), @func runs in the calling thread as each step
 * starts and ends.
 */
void
bfg_probe_options_set_progress_func (BfgProbeOptions      *self,
                                     BfgProbeProgressFunc  func,
                                     gpointer              user_data,
                                     GDestroyNotify        destroy)
{
  ProgressFunc *progress = NULL;

  g_return_if_fail (self != NULL);

  if (func != NULL)
    {
      progress = g_atomic_rc_box_new0 (ProgressFunc);
      progress->func = func;
      progress->data = user_data;
      progress->destroy = destroy;
    }

  g_clear_pointer (&self->progress, progress_func_unref);
  self->progress = progress;
}

/**
 * bfg_probe_options_get_endpoint:
 * @self: a #BfgProbeOptions
 *
 * Returns: (transfer none): the endpoint to probe
 */
BfgEndpoint *
bfg_probe_options_get_endpoint (BfgProbeOptions *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->endpoint;
}

/* Watchdog */

static gpointer
watchdog_thread (gpointer data)
{
  Watchdog *dog = data;

  g_mutex_lock (&dog->lock);
  while (!dog->quit)
    {
      if (dog->deadline == 0)
        {
          g_cond_wait (&dog->cond, &dog->lock);
          continue;
        }

      if (!g_cond_wait_until (&dog->cond, &dog->lock, dog->deadline) &&
          dog->deadline != 0 && g_get_monotonic_time () >= dog->deadline)
        {
          dog->fired = TRUE;
          dog->deadline = 0;
          g_cancellable_cancel (dog->op);
        }
    }
  g_mutex_unlock (&dog->lock);

  return NULL;
}

static void
watchdog_arm (Watchdog *dog,
              guint     seconds)
{
  g_mutex_lock (&dog->lock);
  dog->deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  g_cond_signal (&dog->cond);
  g_mutex_unlock (&dog->lock);
}

static gboolean
watchdog_fired (Watchdog *dog)
{
  gboolean fired;

  g_mutex_lock (&dog->lock);
  fired = dog->fired;
  g_mutex_unlock (&dog->lock);

  return fired;
}

/* Step events */

static void
event_free (Event *event)
{
  g_free (event->detail);
  g_free (event);
}

static void
relay_clear (gpointer data)
{
  Relay *relay = data;

  g_queue_clear_full (&relay->events, (GDestroyNotify) event_free);
  g_mutex_clear (&relay->lock);
  g_clear_pointer (&relay->context, g_main_context_unref);
  g_clear_object (&relay->cancellable);
  g_clear_pointer (&relay->progress, progress_func_unref);
}

static void
relay_unref (gpointer relay)
{
  g_atomic_rc_box_release_full (relay, relay_clear);
}

/* Takes @progress and @context. */
static Relay *
relay_new (ProgressFunc *progress,
           GMainContext *context,
           GCancellable *cancellable)
{
  Relay *relay = g_atomic_rc_box_new0 (Relay);

  g_mutex_init (&relay->lock);
  g_queue_init (&relay->events);
  relay->progress = progress;
  relay->context = context;
  relay->cancellable = cancellable ? g_object_ref (cancellable) : NULL;

  return relay;
}

static void
relay_emit (Relay *relay,
            Event *event)
{
  /* A caller that cancelled has moved on; its rows may be gone. */
  if (relay->progress == NULL || g_cancellable_is_cancelled (relay->cancellable))
    return;

  relay->progress->func (event->event, step_ids[event->step], event->status, event->ms,
                         event->detail, relay->progress->data);
}

/* In the caller's context: delivers the queued events, oldest first. The
 * lock is never held while the caller's function runs. */
static void
relay_flush (Relay *relay)
{
  for (;;)
    {
      Event *event;

      g_mutex_lock (&relay->lock);
      event = g_queue_pop_head (&relay->events);
      if (event == NULL)
        relay->scheduled = FALSE;
      g_mutex_unlock (&relay->lock);

      if (event == NULL)
        return;

      relay_emit (relay, event);
      event_free (event);
    }
}

static gboolean
on_relay_idle_cb (gpointer user_data)
{
  relay_flush (user_data);

  return G_SOURCE_REMOVE;
}

/* In the caller's context, once the worker is done: the last events go
 * out, and the function is let go of here rather than in the worker. */
static void
relay_close (Relay *relay)
{
  relay_flush (relay);
  g_clear_pointer (&relay->progress, progress_func_unref);
}

/* In the worker: queues one event, or in the sync form delivers it. */
static void
relay_post (Relay          *relay,
            BfgProbeEvent   kind,
            int             step,
            BfgProbeStatus  status,
            gint64          ms,
            const char     *detail)
{
  g_autoptr(GSource) source = NULL;
  Event *event;
  gboolean schedule;

  if (relay == NULL)
    return;

  event = g_new0 (Event, 1);
  event->event = kind;
  event->step = step;
  event->status = status;
  event->ms = ms;
  event->detail = g_strdup (detail);

  if (relay->context == NULL)
    {
      relay_emit (relay, event);
      event_free (event);
      return;
    }

  g_mutex_lock (&relay->lock);
  g_queue_push_tail (&relay->events, event);
  schedule = !relay->scheduled;
  relay->scheduled = TRUE;
  g_mutex_unlock (&relay->lock);

  if (!schedule)
    return;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[bfg-probe] step events");
  g_source_set_callback (source, on_relay_idle_cb, g_atomic_rc_box_acquire (relay),
                         relay_unref);
  g_source_attach (source, relay->context);
}

/* Results */

static void
bfg_probe_result_finalize (GObject *object)
{
  BfgProbeResult *self = (BfgProbeResult *) object;

  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->fingerprint, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_error (&self->error);
  for (int i = 0; i < N_STEPS; i++)
    g_clear_pointer (&self->steps[i].detail, g_free);

  G_OBJECT_CLASS (bfg_probe_result_parent_class)->finalize (object);
}

static void
bfg_probe_result_class_init (BfgProbeResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bfg_probe_result_finalize;
}

static void
bfg_probe_result_init (BfgProbeResult *self)
{
  for (int i = 0; i < N_STEPS; i++)
    self->steps[i].status = BFG_PROBE_STATUS_SKIPPED;
}

/**
 * bfg_probe_result_get_endpoint:
 * @self: a #BfgProbeResult
 *
 * Returns: the redacted endpoint URI that was probed
 */
const char *
bfg_probe_result_get_endpoint (BfgProbeResult *self)
{
  g_return_val_if_fail (BFG_IS_PROBE_RESULT (self), NULL);

  return self->endpoint;
}

/**
 * bfg_probe_result_get_fingerprint:
 * @self: a #BfgProbeResult
 *
 * Returns: (nullable): the "sha256:AB:CD:…" fingerprint of the server
 *   certificate, or %NULL when the TLS handshake did not happen
 */
const char *
bfg_probe_result_get_fingerprint (BfgProbeResult *self)
{
  g_return_val_if_fail (BFG_IS_PROBE_RESULT (self), NULL);

  return self->fingerprint;
}

/**
 * bfg_probe_result_get_address:
 * @self: a #BfgProbeResult
 *
 * Returns: (nullable): the address the probe connected to, such as
 *   "127.0.0.1:5432"
 */
const char *
bfg_probe_result_get_address (BfgProbeResult *self)
{
  g_return_val_if_fail (BFG_IS_PROBE_RESULT (self), NULL);

  return self->address;
}

/**
 * bfg_probe_result_get_passed:
 * @self: a #BfgProbeResult
 *
 * Returns: %TRUE only when all four steps passed
 */
gboolean
bfg_probe_result_get_passed (BfgProbeResult *self)
{
  g_return_val_if_fail (BFG_IS_PROBE_RESULT (self), FALSE);

  for (int i = 0; i < N_STEPS; i++)
    {
      if (self->steps[i].status != BFG_PROBE_STATUS_PASS)
        return FALSE;
    }

  return TRUE;
}

/**
 * bfg_probe_result_get_error:
 * @self: a #BfgProbeResult
 *
 * Returns: (nullable) (transfer none): why the first failing step
 *   failed, in the #BfgProbeError domain (or #BfgSecretError when the
 *   password was not available), or %NULL when every step passed
 */
const GError *
bfg_probe_result_get_error (BfgProbeResult *self)
{
  g_return_val_if_fail (BFG_IS_PROBE_RESULT (self), NULL);

  return self->error;
}

/**
 * bfg_probe_result_get_step_status:
 * @self: a #BfgProbeResult
 * @step_id: one of bfg_probe_step_ids()
 *
 * Returns: how the step ended
 */
BfgProbeStatus
bfg_probe_result_get_step_status (BfgProbeResult *self,
                                  const char     *step_id)
{
  int i = step_index (step_id);

  g_return_val_if_fail (BFG_IS_PROBE_RESULT (self), BFG_PROBE_STATUS_SKIPPED);
  g_return_val_if_fail (i >= 0, BFG_PROBE_STATUS_SKIPPED);

  return self->steps[i].status;
}

/**
 * bfg_probe_result_get_step_detail:
 * @self: a #BfgProbeResult
 * @step_id: one of bfg_probe_step_ids()
 *
 * Returns: (nullable): what the step found, in English
 */
const char *
bfg_probe_result_get_step_detail (BfgProbeResult *self,
                                  const char     *step_id)
{
  int i = step_index (step_id);

  g_return_val_if_fail (BFG_IS_PROBE_RESULT (self), NULL);
  g_return_val_if_fail (i >= 0, NULL);

  return self->steps[i].detail;
}

/**
 * bfg_probe_result_get_step_ms:
 * @self: a #BfgProbeResult
 * @step_id: one of bfg_probe_step_ids()
 *
 * Returns: how long the step took, in milliseconds
 */
gint64
bfg_probe_result_get_step_ms (BfgProbeResult *self,
                              const char     *step_id)
{
  int i = step_index (step_id);

  g_return_val_if_fail (BFG_IS_PROBE_RESULT (self), 0);
  g_return_val_if_fail (i >= 0, 0);

  return self->steps[i].ms;
}

/**
 * bfg_probe_result_to_json_node:
 * @self: a #BfgProbeResult
 *
 * Serialises the result as
 * `{"endpoint", "fingerprint", "steps": [{"id", "status", "ms", "detail"}]}`.
 * The endpoint is the redacted URI; nothing in it is secret.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
bfg_probe_result_to_json_node (BfgProbeResult *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (BFG_IS_PROBE_RESULT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "endpoint");
  json_builder_add_string_value (builder, self->endpoint);
  json_builder_set_member_name (builder, "fingerprint");
  if (self->fingerprint != NULL)
    json_builder_add_string_value (builder, self->fingerprint);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (int i = 0; i < N_STEPS; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, step_ids[i]);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, status_nick (self->steps[i].status));
      json_builder_set_member_name (builder, "ms");
      json_builder_add_int_value (builder, self->steps[i].ms);
      json_builder_set_member_name (builder, "detail");
      json_builder_add_string_value (builder, self->steps[i].detail ?: "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * bfg_probe_result_to_json:
 * @self: a #BfgProbeResult
 * @pretty: whether to indent
 *
 * Returns: (transfer full): bfg_probe_result_to_json_node() as text
 */
char *
bfg_probe_result_to_json (BfgProbeResult *self,
                          gboolean        pretty)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (BFG_IS_PROBE_RESULT (self), NULL);

  node = bfg_probe_result_to_json_node (self);

  return json_to_string (node, pretty);
}

/* Running the steps */

static gint64
elapsed_ms (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / 1000;
}

static void
step_begin (Probe *probe,
            int    step)
{
  relay_post (probe->relay, BFG_PROBE_EVENT_STEP_STARTED, step, BFG_PROBE_STATUS_SKIPPED,
              0, NULL);
}

static void
record_pass (Probe      *probe,
             int         step,
             gint64      start_us,
             const char *detail)
{
  Step *s = &probe->result->steps[step];

  s->status = BFG_PROBE_STATUS_PASS;
  s->ms = elapsed_ms (start_us);
  s->detail = g_strdup (detail);
  g_debug ("%s passed in %" G_GINT64_FORMAT " ms: %s", step_ids[step], s->ms, detail);
  relay_post (probe->relay, BFG_PROBE_EVENT_STEP_FINISHED, step, s->status, s->ms, s->detail);
}

static void
record_fail (Probe  *probe,
             int     step,
             gint64  start_us,
             GError *error)
{
  Step *s = &probe->result->steps[step];

  s->status = BFG_PROBE_STATUS_FAIL;
  s->ms = elapsed_ms (start_us);
  s->detail = g_strdup (error->message);
  g_debug ("%s failed in %" G_GINT64_FORMAT " ms: %s", step_ids[step], s->ms, error->message);
  relay_post (probe->relay, BFG_PROBE_EVENT_STEP_FINISHED, step, s->status, s->ms, s->detail);

  if (probe->result->error == NULL)
    probe->result->error = error;
  else
    g_error_free (error);
}

/* A cancelled operation means one of two things: the caller cancelled
 * the probe, or the watchdog ran out of time. Only the second is a
 * failure of the endpoint. */
static GError *
interrupted_error (Probe      *probe,
                   const char *what,
                   guint       seconds)
{
  if (watchdog_fired (&probe->watchdog))
    /* Translators: %s is what ran, such as “Resolving the host name”;
     * %u a number of seconds */
    return g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_TIMEOUT,
                        _("%s did not finish within %u s"), what, seconds);

  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The probe was cancelled"));
}

static gboolean
is_interrupted (Probe  *probe,
                GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT));
}

static GList *
resolve (Probe   *probe,
         GError **error)
{
  const char *host = bfg_endpoint_get_host (probe->options->endpoint);
  g_autoptr(GResolver) resolver = NULL;
  g_autoptr(GError) local_error = NULL;
  GList *addresses;

  if (g_hostname_is_ip_address (host))
    return g_list_prepend (NULL, g_inet_address_new_from_string (host));

  resolver = g_resolver_get_default ();
  addresses = g_resolver_lookup_by_name (resolver, host, probe->watchdog.op, &local_error);
  if (addresses != NULL)
    return addresses;

  if (is_interrupted (probe, local_error))
    *error = interrupted_error (probe, _("Resolving the host name"),
                                probe->options->connect_timeout);
  else
    *error = g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_HOST_NOT_FOUND,
                          _("The host name “%s” was not found (%s)"),
                          host, local_error->message);

  return NULL;
}

static GError *
connect_error (Probe        *probe,
               GError       *error,
               const char   *address)
{
  guint timeout = probe->options->connect_timeout;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_CONNECTION_REFUSED,
                        _("Nothing accepts connections on %s (connection refused); "
                        "the server is down or listens elsewhere"), address);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
      (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
       watchdog_fired (&probe->watchdog)))
    return g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_TIMEOUT,
                        _("No answer from %s within %u s; a firewall may drop the "
                        "packets"), address, timeout);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The probe was cancelled"));

  return g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_UNREACHABLE,
                      _("Cannot reach %s: %s"), address, error->message);
}

static gboolean
run_reachability (Probe *probe)
{
  BfgEndpoint *endpoint = probe->options->endpoint;
  gint64 start = g_get_monotonic_time ();
  gint64 resolved_ms, connect_start;
  g_autoptr(GSocketClient) client = NULL;
  g_autoptr(GError) last_error = NULL;
  g_autofree char *last_address = NULL;
  GError *error = NULL;
  GList *addresses;

  step_begin (probe, STEP_REACHABILITY);
  watchdog_arm (&probe->watchdog, probe->options->connect_timeout);

  addresses = resolve (probe, &error);
  if (addresses == NULL)
    {
      record_fail (probe, STEP_REACHABILITY, start, error);
      return FALSE;
    }
  resolved_ms = elapsed_ms (start);

  /* GSocketClient's timeout bounds the connect and, later, every read
   * and write of the TLS step on the same socket. */
  client = g_socket_client_new ();
  g_socket_client_set_timeout (client, probe->options->connect_timeout);
  /* libpq connects directly, so the probe must too: a proxy would make
   * reachability pass for a route the adapter never takes. */
  g_socket_client_set_enable_proxy (client, FALSE);

  connect_start = g_get_monotonic_time ();
  for (GList *l = addresses; l != NULL && probe->tcp == NULL; l = l->next)
    {
      g_autoptr(GSocketAddress) address = NULL;

      address = g_inet_socket_address_new (l->data, bfg_endpoint_get_port (endpoint));
      g_clear_pointer (&last_address, g_free);
      last_address = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (address));
      g_clear_error (&last_error);
      probe->tcp = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address),
                                            probe->watchdog.op, &last_error);
      if (g_cancellable_is_cancelled (probe->watchdog.op))
        break;
    }
  g_resolver_free_addresses (addresses);

  if (probe->tcp == NULL)
    {
      record_fail (probe, STEP_REACHABILITY, start,
                   connect_error (probe, last_error, last_address));
      return FALSE;
    }

  {
    g_autofree char *detail = NULL;

    probe->result->address = g_steal_pointer (&last_address);
    detail = g_strdup_printf (_("Connected to %s over TCP in %" PRId64 " ms (name "
                                "resolved in %" PRId64 " ms)"),
                              probe->result->address, elapsed_ms (connect_start),
                              resolved_ms);
    record_pass (probe, STEP_REACHABILITY, start, detail);
  }

  return TRUE;
}

static char *
fingerprint_of (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GString) text = g_string_new ("sha256:");
  g_autofree char *hex = NULL;

  g_object_get (certificate, "certificate", &der, NULL);
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);

  for (const char *p = hex; p[0] != '\0' && p[1] != '\0'; p += 2)
    {
      if (p != hex)
        g_string_append_c (text, ':');
      g_string_append_c (text, g_ascii_toupper (p[0]));
      g_string_append_c (text, g_ascii_toupper (p[1]));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
same_fingerprint (const char *a,
                  const char *b)
{
  /* Reviewers paste fingerprints by hand; case and separators vary. */
  while (*a != '\0' || *b != '\0')
    {
      if (*a == ':')
        {
          a++;
          continue;
        }
      if (*b == ':')
        {
          b++;
          continue;
        }
      if (g_ascii_tolower (*a) != g_ascii_tolower (*b))
        return FALSE;
      a++;
      b++;
    }

  return TRUE;
}

static gboolean
on_accept_certificate_cb (GTlsConnection       *connection,
                          GTlsCertificate      *certificate,
                          GTlsCertificateFlags  errors,
                          gpointer              user_data)
{
  /* The handshake accepts any certificate so that the probe can report
   * its fingerprint; it is validated right after, against the endpoint's
   * CA with g_tls_database_verify_chain(), and nothing is sent over this
   * connection. libpq validates again on its own in the RBAC step. */
  return TRUE;
}

static char *
describe_cert_flags (GTlsCertificateFlags flags)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    g_string_append (text, ", not signed by a trusted CA");
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    g_string_append (text, ", host name mismatch");
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    g_string_append (text, ", not yet valid");
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    g_string_append (text, ", expired");
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    g_string_append (text, ", revoked");
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    g_string_append (text, ", insecure algorithm");
  if (text->len == 0)
    g_string_append (text, ", invalid");

  return g_strdup (text->str + 2);
}

static GTlsDatabase *
load_database (Probe   *probe,
               GError **error)
{
  const char *ca_file = bfg_endpoint_get_ca_file (probe->options->endpoint);
  g_autoptr(GError) local_error = NULL;
  GTlsDatabase *database;

  if (ca_file == NULL)
    return g_tls_backend_get_default_database (g_tls_backend_get_default ());

  database = g_tls_file_database_new (ca_file, &local_error);
  if (database == NULL)
    g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_CA_FILE,
                 _("Cannot read the CA file %s: %s"), ca_file, local_error->message);

  return database;
}

/* PostgreSQL only starts TLS after the client asks with an SSLRequest
 * and the server answers 'S'. */
static gboolean
ssl_request (Probe   *probe,
             GError **error)
{
  guint32 request[2] = { GUINT32_TO_BE (8), GUINT32_TO_BE (SSL_REQUEST_CODE) };
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (probe->tcp));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (probe->tcp));
  g_autoptr(GError) local_error = NULL;
  guchar answer = 0;
  gssize n;

  if (!g_output_stream_write_all (out, request, sizeof request, NULL,
                                  probe->watchdog.op, &local_error))
    goto io_error;

  n = g_input_stream_read (in, &answer, 1, probe->watchdog.op, &local_error);
  if (n < 0)
    goto io_error;

  if (n == 0)
    {
      g_set_error_literal (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_SERVER_GONE,
                           _("The server closed the connection before answering the "
                           "TLS request"));
      return FALSE;
    }

  if (answer == 'N')
    {
      g_set_error_literal (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_NO_TLS,
                           _("The server does not offer TLS (it declined the "
                           "SSLRequest); enable ssl in postgresql.conf"));
      return FALSE;
    }

  if (answer != 'S')
    {
      g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_NOT_POSTGRESQL,
                   _("The peer answered 0x%02x to the SSLRequest; it does not "
                   "speak the PostgreSQL protocol"), answer);
      return FALSE;
    }

  return TRUE;

io_error:
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
          watchdog_fired (&probe->watchdog))
        g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_TIMEOUT,
                     _("The server did not answer the TLS request within %u s"),
                     probe->options->connect_timeout);
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("The probe was cancelled"));
    }
  else
    {
      g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_SERVER_GONE,
                   _("The connection broke during the TLS request: %s"),
                   local_error->message);
    }

  return FALSE;
}

static GError *
verify_certificate (Probe           *probe,
                    GTlsDatabase    *database,
                    GTlsCertificate *certificate)
{
  BfgEndpoint *endpoint = probe->options->endpoint;
  BfgSslMode mode = bfg_endpoint_get_sslmode (endpoint);
  const char *ca = bfg_endpoint_get_ca_file (endpoint) ?: "the system trust store";
  g_autoptr(GSocketConnectable) identity = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *problems = NULL;
  GTlsCertificateFlags flags;

  if (mode == BFG_SSL_MODE_REQUIRE)
    return NULL;

  /* verify-ca checks the chain only, so it passes no identity. */
  if (mode == BFG_SSL_MODE_VERIFY_FULL)
    identity = g_network_address_new (bfg_endpoint_get_host (endpoint),
                                      bfg_endpoint_get_port (endpoint));

  flags = g_tls_database_verify_chain (database, certificate,
                                       G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                       identity, NULL, G_TLS_DATABASE_VERIFY_NONE,
                                       probe->watchdog.op, &local_error);
  if (local_error != NULL)
    return g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_CERT_UNTRUSTED,
                        _("The certificate chain cannot be checked: %s"),
                        local_error->message);

  if (flags == 0)
    return NULL;

  problems = describe_cert_flags (flags);
  if (flags == G_TLS_CERTIFICATE_BAD_IDENTITY)
    return g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_CERT_HOST_MISMATCH,
                        _("The server certificate does not name the host “%s” "
                        "(sslmode=verify-full)"), bfg_endpoint_get_host (endpoint));

  return g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_CERT_UNTRUSTED,
                      _("The server certificate does not validate against %s (%s)"),
                      ca, problems);
}

static gboolean
run_tls (Probe *probe)
{
  BfgEndpoint *endpoint = probe->options->endpoint;
  const char *pinned = probe->options->pinned_fingerprint;
  gint64 start = g_get_monotonic_time ();
  const char * const protocols[] = { "postgresql", NULL };
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GSocketConnectable) server = NULL;
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *cipher = NULL;
  g_autofree char *detail = NULL;
  const char *pin;
  GTlsCertificate *certificate;
  GError *error = NULL;
  GError *validation;

  step_begin (probe, STEP_TLS);
  watchdog_arm (&probe->watchdog, probe->options->connect_timeout);

  if (!ssl_request (probe, &error))
    {
      record_fail (probe, STEP_TLS, start, error);
      return FALSE;
    }

  database = load_database (probe, &error);
  if (database == NULL)
    {
      record_fail (probe, STEP_TLS, start, error);
      return FALSE;
    }

  server = g_network_address_new (bfg_endpoint_get_host (endpoint),
                                  bfg_endpoint_get_port (endpoint));
  tls = g_tls_client_connection_new (G_IO_STREAM (probe->tcp), server, &local_error);
  if (tls == NULL)
    {
      record_fail (probe, STEP_TLS, start,
                   g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_TLS_HANDSHAKE,
                                _("TLS is not available: %s"), local_error->message));
      return FALSE;
    }

  g_tls_connection_set_database (G_TLS_CONNECTION (tls), database);
  g_tls_connection_set_advertised_protocols (G_TLS_CONNECTION (tls), protocols);
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (on_accept_certificate_cb), NULL);

  if (!g_tls_connection_handshake (G_TLS_CONNECTION (tls), probe->watchdog.op, &local_error))
    {
      if (is_interrupted (probe, local_error))
        error = interrupted_error (probe, _("The TLS handshake"), probe->options->connect_timeout);
      else
        error = g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_TLS_HANDSHAKE,
                             _("The TLS handshake failed: %s"), local_error->message);
      record_fail (probe, STEP_TLS, start, error);
      return FALSE;
    }

  certificate = g_tls_connection_get_peer_certificate (G_TLS_CONNECTION (tls));
  if (certificate == NULL)
    {
      record_fail (probe, STEP_TLS, start,
                   g_error_new_literal (BFG_PROBE_ERROR, BFG_PROBE_ERROR_TLS_HANDSHAKE,
                                        _("The server presented no certificate")));
      return FALSE;
    }
  probe->result->fingerprint = fingerprint_of (certificate);

  validation = verify_certificate (probe, database, certificate);

  /* A changed certificate is the loudest failure: it names both
   * fingerprints, so that the reviewer can tell a planned rotation from
   * an interception. */
  if (pinned != NULL && !same_fingerprint (pinned, probe->result->fingerprint))
    {
      /* Translators: two SHA-256 fingerprints, then "; besides, " and a
       * further reason, or two empty strings */
      error = g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_PIN_MISMATCH,
                           _("The server certificate changed: it is %s but %s is "
                           "pinned%s%s. Accept the new fingerprint only if the "
                           "certificate was rotated on purpose"),
                           probe->result->fingerprint, pinned,
                           validation ? _("; besides, ") : "",
                           validation ? validation->message : "");
      g_clear_error (&validation);
      record_fail (probe, STEP_TLS, start, error);
      return FALSE;
    }

  if (validation != NULL)
    {
      record_fail (probe, STEP_TLS, start, validation);
      return FALSE;
    }

  cipher = g_tls_connection_get_ciphersuite_name (G_TLS_CONNECTION (tls));
  if (cipher == NULL)
    cipher = g_strdup (_("unknown cipher"));
  /* Translators: appended to the TLS step's sentence */
  pin = pinned ? _("; matches the pinned fingerprint") : "";

  switch (bfg_endpoint_get_sslmode (endpoint))
    {
    case BFG_SSL_MODE_VERIFY_FULL:
      /* Translators: the cipher suite, the certificate's fingerprint, an optional clause */
      detail = g_strdup_printf (_("TLS (%s) with certificate %s; chain and host name "
                                  "verified%s"),
                                cipher, probe->result->fingerprint, pin);
      break;

    case BFG_SSL_MODE_VERIFY_CA:
      detail = g_strdup_printf (_("TLS (%s) with certificate %s; chain verified, host "
                                  "name not checked (sslmode=verify-ca)%s"),
                                cipher, probe->result->fingerprint, pin);
      break;

    case BFG_SSL_MODE_REQUIRE:
    default:
      detail = g_strdup_printf (_("WEAK: TLS (%s) with certificate %s, which was not "
                                  "validated (sslmode=require)%s"),
                                cipher, probe->result->fingerprint, pin);
      break;
    }

  g_io_stream_close (tls, NULL, NULL);
  g_clear_object (&probe->tcp);
  record_pass (probe, STEP_TLS, start, detail);

  return TRUE;
}

/* libpq */

static gboolean
contains (const char *haystack,
          const char *needle)
{
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

/* libpq reports login failures as text only, without a SQLSTATE, so the
 * classes below match the (English) messages; anything else keeps
 * libpq's own words under BFG_PROBE_ERROR_CONNECT_FAILED. */
static GError *
classify_connect_error (Probe      *probe,
                        const char *raw)
{
  BfgEndpoint *endpoint = probe->options->endpoint;
  const char *user = bfg_endpoint_get_user (endpoint);
  g_autofree char *message = g_strstrip (g_strdup (raw ?: ""));

  if (contains (message, "password authentication failed") ||
      contains (message, "no password supplied"))
    return g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_AUTH_FAILED,
                        _("The server refused the login of role “%s”: the password "
                        "is wrong or the role does not exist (the server does not "
                        "say which, on purpose)"), user);

  if (contains (message, "role \"") && contains (message, "does not exist"))
    return g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_UNKNOWN_ROLE,
                        _("The role “%s” does not exist on the server"), user);

  if (contains (message, "database \"") && contains (message, "does not exist"))
    return g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_UNKNOWN_DATABASE,
                        _("The database “%s” does not exist on the server"),
                        bfg_endpoint_get_database (endpoint));

  if (contains (message, "no pg_hba.conf entry") ||
      contains (message, "permission denied for database") ||
      contains (message, "is not permitted to log in"))
    return g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_ACCESS_REJECTED,
                        _("The server does not let role “%s” log in: %s"), user, message);

  if (contains (message, "certificate verify failed"))
    return g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_CERT_UNTRUSTED,
                        _("libpq does not trust the server certificate: %s"), message);

  if (contains (message, "does not match host name"))
    return g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_CERT_HOST_MISMATCH,
                        _("libpq finds the certificate does not name the host: %s"),
                        message);

  if (contains (message, "server does not support SSL"))
    return g_error_new_literal (BFG_PROBE_ERROR, BFG_PROBE_ERROR_NO_TLS,
                                _("The server does not offer TLS"));

  if (contains (message, "Connection refused"))
    return g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_CONNECTION_REFUSED,
                        _("The server stopped accepting connections: %s"), message);

  if (contains (message, "server closed the connection") ||
      contains (message, "terminating connection") ||
      contains (message, "the database system is shutting down") ||
      contains (message, "the database system is starting up"))
    return g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_SERVER_GONE,
                        _("The server went away during the login: %s"), message);

  return g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_CONNECT_FAILED,
                      _("The login failed: %s"), message);
}

/* Waits until libpq's socket is ready, the watchdog fires or the caller
 * cancels: poll() on the socket and on the cancellable's fd together. */
static gboolean
wait_socket (Probe       *probe,
             gboolean     for_write,
             const char  *what,
             guint        seconds,
             GError     **error)
{
  struct pollfd fds[2] = { 0 };
  int n_fds = 1;
  int rc;

  fds[0].fd = PQsocket (probe->conn);
  fds[0].events = for_write ? POLLOUT : POLLIN;
  fds[1].fd = g_cancellable_get_fd (probe->watchdog.op);
  fds[1].events = POLLIN;
  if (fds[1].fd >= 0)
    n_fds = 2;

  do
    rc = poll (fds, n_fds, -1);
  while (rc < 0 && errno == EINTR);

  g_cancellable_release_fd (probe->watchdog.op);

  if (g_cancellable_is_cancelled (probe->watchdog.op))
    {
      *error = interrupted_error (probe, what, seconds);
      return FALSE;
    }

  if (rc < 0)
    {
      g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_SERVER_GONE,
                   _("Waiting for the server failed: %s"), g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
pq_connect (Probe   *probe,
            GError **error)
{
  BfgEndpoint *endpoint = probe->options->endpoint;
  BfgSslMode mode = bfg_endpoint_get_sslmode (endpoint);
  const char *ca_file = bfg_endpoint_get_ca_file (endpoint);
  g_autofree char *port = g_strdup_printf ("%u", bfg_endpoint_get_port (endpoint));
  g_autofree char *timeout = g_strdup_printf ("%u", probe->options->connect_timeout);
  g_autofree char *options = g_strdup_printf ("-c statement_timeout=%u",
                                              probe->options->step_timeout * 1000);
  const char *keywords[16];
  const char *values[16];
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;
  int n = 0;

#define PARAM(k, v) G_STMT_START { keywords[n] = (k); values[n] = (v); n++; } G_STMT_END
  PARAM ("host", bfg_endpoint_get_host (endpoint));
  PARAM ("port", port);
  PARAM ("dbname", bfg_endpoint_get_database (endpoint));
  PARAM ("user", bfg_endpoint_get_user (endpoint));
  PARAM ("password", probe->options->password);
  PARAM ("sslmode", bfg_ssl_mode_to_string (mode));
  if (ca_file != NULL)
    PARAM ("sslrootcert", ca_file);
  else if (mode != BFG_SSL_MODE_REQUIRE)
    PARAM ("sslrootcert", "system");
  PARAM ("connect_timeout", timeout);
  PARAM ("gssencmode", "disable");
  PARAM ("application_name", "bfg-console-probe");
  PARAM ("options", options);
  keywords[n] = NULL;
  values[n] = NULL;
#undef PARAM

  probe->conn = PQconnectStartParams (keywords, values, 0);
  if (probe->conn == NULL)
    {
      g_set_error_literal (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_CONNECT_FAILED,
                           _("libpq could not allocate a connection"));
      return FALSE;
    }

  while (PQstatus (probe->conn) != CONNECTION_BAD &&
         status != PGRES_POLLING_OK && status != PGRES_POLLING_FAILED)
    {
      if (!wait_socket (probe, status == PGRES_POLLING_WRITING, "The login",
                        probe->options->connect_timeout, error))
        return FALSE;
      status = PQconnectPoll (probe->conn);
    }

  if (PQstatus (probe->conn) != CONNECTION_OK)
    {
      *error = classify_connect_error (probe, PQerrorMessage (probe->conn));
      return FALSE;
    }

  if (!PQsslInUse (probe->conn))
    {
      g_set_error_literal (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_NO_TLS,
                           _("The session is not encrypted although TLS is required"));
      return FALSE;
    }

  return TRUE;
}

static void
cancel_query (Probe *probe)
{
  PGcancel *cancel = PQgetCancel (probe->conn);
  char message[256];

  if (cancel == NULL)
    return;

  PQcancel (cancel, message, sizeof message);
  PQfreeCancel (cancel);
}

static gboolean
is_server_gone_state (const char *sqlstate)
{
  /* Class 57 operator intervention and 08 connection exceptions. */
  return g_str_has_prefix (sqlstate, "57P") || g_str_has_prefix (sqlstate, "08");
}

/* Runs one statement with parameters and returns its result, or NULL
 * with @error set. @sqlstate receives the server's code on a failed
 * statement, so callers can turn 42501 into a precise message. */
static PGresult *
query (Probe              *probe,
       const char         *sql,
       int                 n_params,
       const char * const *params,
       char                sqlstate[6],
       GError            **error)
{
  PGresult *last = NULL;
  PGresult *res;

  if (sqlstate != NULL)
    sqlstate[0] = '\0';

  if (!PQsendQueryParams (probe->conn, sql, n_params, NULL, params, NULL, NULL, 0))
    goto connection_error;

  while (PQisBusy (probe->conn))
    {
      if (!wait_socket (probe, FALSE, "A probe query", probe->options->step_timeout, error))
        {
          cancel_query (probe);
          return NULL;
        }
      if (!PQconsumeInput (probe->conn))
        goto connection_error;
    }

  while ((res = PQgetResult (probe->conn)) != NULL)
    {
      g_clear_pointer (&last, PQclear);
      last = res;
    }

  if (last == NULL)
    goto connection_error;

  if (PQresultStatus (last) != PGRES_COMMAND_OK && PQresultStatus (last) != PGRES_TUPLES_OK)
    {
      const char *state = PQresultErrorField (last, PG_DIAG_SQLSTATE) ?: "";
      const char *primary = PQresultErrorField (last, PG_DIAG_MESSAGE_PRIMARY);

      if (sqlstate != NULL)
        g_strlcpy (sqlstate, state, 6);

      if (is_server_gone_state (state) || PQstatus (probe->conn) == CONNECTION_BAD)
        g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_SERVER_GONE,
                     _("The server ended the session mid-probe: %s"),
                     primary ?: PQerrorMessage (probe->conn));
      else if (g_str_equal (state, "57014"))
        g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_TIMEOUT,
                     _("A probe query ran longer than %u s and was cancelled"),
                     probe->options->step_timeout);
      else
        g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_QUERY_FAILED,
                     _("%s (SQLSTATE %s)"), primary ?: "The query failed", state);
      PQclear (last);
      return NULL;
    }

  return last;

connection_error:
  {
    g_autofree char *message = g_strstrip (g_strdup (PQerrorMessage (probe->conn)));

    g_clear_pointer (&last, PQclear);
    g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_SERVER_GONE,
                 _("The server went away mid-probe: %s"), message);
    return NULL;
  }
}

static gboolean
exec_ok (Probe       *probe,
         const char  *sql,
         GError     **error)
{
  PGresult *res = query (probe, sql, 0, NULL, NULL, error);

  if (res == NULL)
    return FALSE;

  PQclear (res);
  return TRUE;
}

/* Ends any open transaction. The probe never commits. */
static void
rollback (Probe *probe)
{
  g_autoptr(GError) error = NULL;

  if (probe->conn == NULL || PQstatus (probe->conn) != CONNECTION_OK)
    return;
  if (PQtransactionStatus (probe->conn) == PQTRANS_IDLE)
    return;

  if (!exec_ok (probe, "rollback", &error))
    g_debug ("rollback failed: %s", error->message);
}

static gboolean
set_tenant (Probe       *probe,
            const char  *tenant,
            GError     **error)
{
  const char *params[] = { tenant };
  PGresult *res;

  /* is_local = true: the setting ends with the transaction. */
  res = query (probe, "select set_config('bfg.tenant_id', $1, true)",
               1, params, NULL, error);
  if (res == NULL)
    return FALSE;

  PQclear (res);
  return TRUE;
}

static gint64
query_count (Probe              *probe,
             const char         *sql,
             int                 n_params,
             const char * const *params,
             GError            **error)
{
  PGresult *res = query (probe, sql, n_params, params, NULL, error);
  gint64 count;

  if (res == NULL)
    return -1;

  count = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);

  return count;
}

static char *
random_tenant (void)
{
  return g_strdup_printf ("bfg-probe-%08x%08x", g_random_int (), g_random_int ());
}

static char *
quote_ident (Probe      *probe,
             const char *name)
{
  char *quoted = PQescapeIdentifier (probe->conn, name, strlen (name));
  char *copy = g_strdup (quoted);

  PQfreemem (quoted);

  return copy;
}

static gboolean
check_role (Probe   *probe,
            GError **error)
{
  PGresult *res;
  gboolean superuser, bypass;

  res = query (probe,
               "select current_user, r.rolsuper, r.rolbypassrls "
               "from pg_roles r where r.rolname = current_user",
               0, NULL, NULL, error);
  if (res == NULL)
    return FALSE;

  probe->role = g_strdup (PQgetvalue (res, 0, 0));
  superuser = PQgetvalue (res, 0, 1)[0] == 't';
  bypass = PQgetvalue (res, 0, 2)[0] == 't';
  PQclear (res);

  if (superuser || bypass)
    {
      g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_PRIVILEGED_ROLE,
                   _("Role “%s” %s, so row-level security does not apply to it; "
                   "connect with a dedicated role that owns no tables"),
                   /* Translators: “is a superuser” or “has BYPASSRLS” */
                   probe->role, superuser ? _("is a superuser") : _("has BYPASSRLS"));
      return FALSE;
    }

  return TRUE;
}

/* Every table of the runbook, plus any other table of the schema with a
 * tenant_id column, must exist and have RLS enabled and forced. */
static GPtrArray *
check_tables (Probe   *probe,
              GError **error)
{
  g_autofree char *required = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  const char *params[2];
  gint64 has_schema;
  PGresult *res;

  params[0] = BFG_PROBE_SCHEMA;
  has_schema = query_count (probe, "select count(*) from pg_namespace where nspname = $1",
                            1, params, error);
  if (has_schema < 0)
    return NULL;
  if (has_schema == 0)
    {
      g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_SCHEMA_MISSING,
                   _("The schema %s does not exist in database “%s”; apply the "
                   "runbook SQL (ProductionAdapterMigrationRunbook.v1) first"),
                   BFG_PROBE_SCHEMA,
                   bfg_endpoint_get_database (probe->options->endpoint));
      return NULL;
    }

  {
    g_autofree char *joined = g_strjoinv (",", (char **) runbook_tables);

    required = g_strdup_printf ("{%s}", joined);
  }
  params[1] = required;
  res = query (probe,
               "with wanted (name) as ("
               "  select unnest($2::text[])"
               "  union"
               "  select c.relname::text from pg_class c"
               "  join pg_attribute a on a.attrelid = c.oid"
               "    and a.attname = 'tenant_id' and not a.attisdropped"
               "  where c.relnamespace = $1::regnamespace and c.relkind in ('r', 'p'))"
               " select w.name, c.oid is not null,"
               "  coalesce(c.relrowsecurity, false), coalesce(c.relforcerowsecurity, false)"
               " from wanted w left join pg_class c on c.relname = w.name"
               "  and c.relnamespace = $1::regnamespace and c.relkind in ('r', 'p')"
               " order by w.name",
               2, params, NULL, error);
  if (res == NULL)
    return NULL;

  for (int row = 0; row < PQntuples (res); row++)
    {
      const char *name = PQgetvalue (res, row, 0);

      if (PQgetvalue (res, row, 1)[0] != 't')
        g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_SCHEMA_MISSING,
                     _("The table %s.%s is missing; apply the runbook SQL "
                     "(ProductionAdapterMigrationRunbook.v1) first"),
                     BFG_PROBE_SCHEMA, name);
      else if (PQgetvalue (res, row, 2)[0] != 't')
        g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_RLS_DISABLED,
                     _("Row-level security is disabled on %s.%s"), BFG_PROBE_SCHEMA, name);
      else if (PQgetvalue (res, row, 3)[0] != 't')
        g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_RLS_DISABLED,
                     _("Row-level security on %s.%s is enabled but not forced, so "
                     "the table owner bypasses it"), BFG_PROBE_SCHEMA, name);
      else
        g_ptr_array_add (tables, g_strdup (name));

      if (*error != NULL)
        {
          PQclear (res);
          return NULL;
        }
    }
  PQclear (res);

  return g_steal_pointer (&tables);
}

/* A permissive policy that applies to this role and does not compare
 * against bfg.tenant_id (`using (true)`, say) opens the table to every
 * tenant, even if no foreign row exists yet to show it. */
static gboolean
check_policies (Probe   *probe,
                GError **error)
{
  const char *params[] = { BFG_PROBE_SCHEMA };
  PGresult *res;

  res = query (probe,
               "select c.relname, p.polname, p.polcmd,"
               "  coalesce(pg_get_expr(p.polqual, p.polrelid), ''),"
               "  coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')"
               " from pg_policy p join pg_class c on c.oid = p.polrelid"
               " where c.relnamespace = $1::regnamespace and p.polpermissive"
               "  and (p.polroles = '{0}' or exists (select 1 from unnest(p.polroles) r"
               "       where pg_has_role(current_user, r, 'member')))"
               " order by 1, 2",
               1, params, NULL, error);
  if (res == NULL)
    return FALSE;

  for (int row = 0; row < PQntuples (res); row++)
    {
      const char *table = PQgetvalue (res, row, 0);
      const char *policy = PQgetvalue (res, row, 1);
      char cmd = PQgetvalue (res, row, 2)[0];
      const char *using_expr = PQgetvalue (res, row, 3);
      const char *check_expr = PQgetvalue (res, row, 4);
      gboolean reads = cmd != 'a';
      gboolean writes = cmd == 'a' || cmd == 'w' || cmd == '*';

      if ((reads && !contains (using_expr, "bfg.tenant_id")) ||
          (writes && cmd == 'a' && !contains (check_expr, "bfg.tenant_id")) ||
          (writes && check_expr[0] != '\0' && !contains (check_expr, "bfg.tenant_id")))
        {
          g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_RLS_LEAK,
                       _("The policy %s on %s.%s leaks rows across tenants: it does "
                       "not compare tenant_id with bfg.tenant_id (using %s)"),
                       policy, BFG_PROBE_SCHEMA, table,
                       using_expr[0] ? using_expr : check_expr);
          PQclear (res);
          return FALSE;
        }
    }
  PQclear (res);

  return TRUE;
}

/* With bfg.tenant_id set to @tenant, no table may show a row of any
 * other tenant. */
static gboolean
check_no_foreign_rows (Probe       *probe,
                       GPtrArray   *tables,
                       const char  *tenant,
                       GError     **error)
{
  const char *params[] = { tenant };

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *ident = quote_ident (probe, g_ptr_array_index (tables, i));
      g_autofree char *sql = NULL;
      gint64 count;

      sql = g_strdup_printf ("select count(*) from %s.%s where tenant_id is distinct from $1",
                             BFG_PROBE_SCHEMA, ident);
      count = query_count (probe, sql, 1, params, error);
      if (count < 0)
        return FALSE;
      if (count > 0)
        {
          g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_RLS_LEAK,
                       /* Translators: a tenant id, a row count, then a
                        * schema and table */
                       _("Tenant %s can see %" PRId64 " row(s) of other "
                         "tenants in %s.%s; its policy leaks"),
                       tenant, count, BFG_PROBE_SCHEMA,
                       (const char *) g_ptr_array_index (tables, i));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
can_insert_tenants (Probe   *probe,
                    GError **error)
{
  gint64 count = query_count (probe,
                              "select has_table_privilege(current_user,"
                              " 'bfg_flowcontrol.tenants', 'INSERT')::int",
                              0, NULL, error);

  return count > 0;
}

/* The behavioural proof: a row written as one tenant is invisible to
 * another. It runs inside the caller's transaction, which is rolled back. */
static gboolean
prove_isolation (Probe   *probe,
                 GError **error)
{
  g_autofree char *writer = random_tenant ();
  g_autofree char *reader = random_tenant ();
  const char *params[] = { writer };
  gint64 count;

  if (!set_tenant (probe, writer, error))
    return FALSE;

  count = query_count (probe,
                       "with inserted as (insert into bfg_flowcontrol.tenants (tenant_id, name)"
                       " values ($1, 'BFG connection probe') returning 1)"
                       " select count(*) from inserted",
                       1, params, error);
  if (count < 0)
    return FALSE;

  count = query_count (probe,
                       "select count(*) from bfg_flowcontrol.tenants where tenant_id = $1",
                       1, params, error);
  if (count < 0)
    return FALSE;
  if (count != 1)
    {
      g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_QUERY_FAILED,
                   _("Tenant %s cannot read the row it just wrote to "
                   "bfg_flowcontrol.tenants; the policy is too strict"), writer);
      return FALSE;
    }

  if (!set_tenant (probe, reader, error))
    return FALSE;

  count = query_count (probe,
                       "select count(*) from bfg_flowcontrol.tenants where tenant_id = $1",
                       1, params, error);
  if (count < 0)
    return FALSE;
  if (count != 0)
    {
      g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_RLS_LEAK,
                   _("Tenant %s can see the row tenant %s wrote to "
                   "bfg_flowcontrol.tenants; its policy leaks"), reader, writer);
      return FALSE;
    }

  return TRUE;
}

static gboolean
rbac_checks (Probe     *probe,
             GString   *detail,
             GError   **error)
{
  g_autoptr(GPtrArray) tables = NULL;
  g_autofree char *other = random_tenant ();
  gboolean may_insert;

  if (!check_role (probe, error))
    return FALSE;

  tables = check_tables (probe, error);
  if (tables == NULL)
    return FALSE;
  probe->n_tables = tables->len;

  if (!check_policies (probe, error))
    return FALSE;

  if (!exec_ok (probe, "begin", error))
    return FALSE;

  if (!set_tenant (probe, probe->options->tenant_id, error) ||
      !check_no_foreign_rows (probe, tables, probe->options->tenant_id, error))
    return FALSE;

  may_insert = can_insert_tenants (probe, error);
  if (error != NULL && *error != NULL)
    return FALSE;

  if (may_insert && !prove_isolation (probe, error))
    return FALSE;

  /* Seen from a tenant that owns nothing, every row is foreign: this
   * catches leaking policies on every table that holds any row. */
  if (!set_tenant (probe, other, error) ||
      !check_no_foreign_rows (probe, tables, other, error))
    return FALSE;

  /* Translators: the role, the number of tables, the schema, the tenant */
  g_string_append_printf (detail,
                          _("Role %s (no superuser, no BYPASSRLS) logged in over TLS; "
                            "RLS enabled and forced on %u tables of %s with tenant "
                            "policies; tenant %s sees no other tenant's rows"),
                          probe->role, probe->n_tables, BFG_PROBE_SCHEMA,
                          probe->options->tenant_id);
  if (may_insert)
    g_string_append (detail, _("; a row written as one tenant stayed invisible to another"));
  else
    g_string_append (detail, _("; the role may not insert, so no row was written "
                               "(see the write probe)"));
  g_string_append (detail, _("; rolled back"));

  return TRUE;
}

static gboolean
run_rbac_session (Probe *probe)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GString) detail = g_string_new (NULL);
  GError *error = NULL;
  gboolean ok;

  step_begin (probe, STEP_RBAC_SESSION);
  watchdog_arm (&probe->watchdog, probe->options->connect_timeout);
  if (!pq_connect (probe, &error))
    {
      record_fail (probe, STEP_RBAC_SESSION, start, error);
      return FALSE;
    }

  watchdog_arm (&probe->watchdog, probe->options->step_timeout);
  ok = rbac_checks (probe, detail, &error);
  rollback (probe);

  if (!ok)
    {
      record_fail (probe, STEP_RBAC_SESSION, start, error);
      return FALSE;
    }

  record_pass (probe, STEP_RBAC_SESSION, start, detail->str);

  return TRUE;
}

static GError *
write_error (Probe      *probe,
             const char *sqlstate,
             const char *table,
             GError     *error)
{
  GError *mapped = NULL;

  if (g_str_equal (sqlstate, "42501") && !contains (error->message, "row-level security"))
    mapped = g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_READ_ONLY,
                          _("Role %s may not write to %s.%s (permission denied); the "
                          "adapter needs INSERT on the runbook tables"),
                          probe->role, BFG_PROBE_SCHEMA, table);
  else if (g_str_equal (sqlstate, "25006"))
    mapped = g_error_new (BFG_PROBE_ERROR, BFG_PROBE_ERROR_READ_ONLY,
                          _("The server accepts no writes (read-only transaction); "
                          "is this a standby? %s"), error->message);

  if (mapped == NULL)
    return error;

  g_error_free (error);
  return mapped;
}

static gboolean
write_checks (Probe     *probe,
              GString   *detail,
              GError   **error)
{
  g_autofree char *tenant = random_tenant ();
  g_autofree char *snapshot = g_strdup_printf ("%s-snapshot", tenant);
  const char *params[] = { snapshot, tenant };
  char sqlstate[6];
  PGresult *res;
  gint64 count;

  if (!exec_ok (probe, "begin", error) || !set_tenant (probe, tenant, error))
    return FALSE;

  res = query (probe,
               "insert into bfg_flowcontrol.tenants (tenant_id, name)"
               " values ($1, 'BFG connection probe')",
               1, params + 1, sqlstate, error);
  if (res == NULL)
    {
      *error = write_error (probe, sqlstate, "tenants", *error);
      return FALSE;
    }
  PQclear (res);

  res = query (probe,
               "insert into bfg_flowcontrol.scenario_snapshots"
               " (snapshot_id, tenant_id, checksum, schema_version, payload)"
               " values ($1, $2, 'bfg-probe', 'BfgConnectionProbe.v1',"
               " '{\"probe\": true}'::jsonb)",
               2, params, sqlstate, error);
  if (res == NULL)
    {
      *error = write_error (probe, sqlstate, "scenario_snapshots", *error);
      return FALSE;
    }
  PQclear (res);

  count = query_count (probe,
                       "select count(*) from bfg_flowcontrol.scenario_snapshots s"
                       " join bfg_flowcontrol.tenants t using (tenant_id)"
                       " where s.snapshot_id = $1 and t.tenant_id = $2"
                       " and s.payload = '{\"probe\": true}'::jsonb",
                       2, params, error);
  if (count < 0)
    return FALSE;
  if (count != 1)
    {
      g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_QUERY_FAILED,
                   _("The probe row written to %s.scenario_snapshots cannot be read "
                   "back"), BFG_PROBE_SCHEMA);
      return FALSE;
    }

  if (!exec_ok (probe, "rollback", error))
    return FALSE;

  /* Proof that nothing was left behind: the same tenant, in a fresh
   * transaction, finds no trace of the row. */
  if (!exec_ok (probe, "begin", error) || !set_tenant (probe, tenant, error))
    return FALSE;
  count = query_count (probe,
                       "select count(*) from bfg_flowcontrol.scenario_snapshots"
                       " where snapshot_id = $1",
                       1, params, error);
  if (count < 0)
    return FALSE;
  if (count != 0)
    {
      g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_QUERY_FAILED,
                   _("The probe row survived the rollback in %s.scenario_snapshots"),
                   BFG_PROBE_SCHEMA);
      return FALSE;
    }

  g_string_append_printf (detail,
                          _("Inserted a tenant and a scenario snapshot as tenant %s, "
                            "read them back and rolled back; nothing was left behind"),
                          tenant);

  return TRUE;
}

static gboolean
run_write_probe (Probe *probe)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GString) detail = g_string_new (NULL);
  GError *error = NULL;
  gboolean ok;

  step_begin (probe, STEP_WRITE_PROBE);
  watchdog_arm (&probe->watchdog, probe->options->step_timeout);
  ok = write_checks (probe, detail, &error);
  rollback (probe);

  if (!ok)
    {
      record_fail (probe, STEP_WRITE_PROBE, start, error);
      return FALSE;
    }

  record_pass (probe, STEP_WRITE_PROBE, start, detail->str);

  return TRUE;
}

static void
skip_rest (Probe      *probe,
           int         from,
           const char *reason)
{
  for (int i = from; i < N_STEPS; i++)
    {
      Step *s = &probe->result->steps[i];

      s->status = BFG_PROBE_STATUS_SKIPPED;
      g_free (s->detail);
      s->detail = g_strdup (reason);
      relay_post (probe->relay, BFG_PROBE_EVENT_STEP_FINISHED, i, s->status, s->ms,
                  s->detail);
    }
}

static void
on_parent_cancelled_cb (GCancellable *parent,
                        gpointer      user_data)
{
  Probe *probe = user_data;

  g_cancellable_cancel (probe->watchdog.op);
}

static void
probe_init (Probe           *probe,
            BfgProbeOptions *options,
            Relay           *relay,
            GCancellable    *cancellable)
{
  memset (probe, 0, sizeof *probe);
  probe->options = options;
  probe->relay = relay;
  probe->cancellable = cancellable;
  probe->result = g_object_new (BFG_TYPE_PROBE_RESULT, NULL);
  probe->result->endpoint = bfg_endpoint_to_redacted_uri (options->endpoint);

  g_mutex_init (&probe->watchdog.lock);
  g_cond_init (&probe->watchdog.cond);
  probe->watchdog.op = g_cancellable_new ();
  probe->watchdog.thread = g_thread_new ("bfg-probe-watchdog", watchdog_thread,
                                         &probe->watchdog);
  if (cancellable != NULL)
    probe->cancelled_id = g_cancellable_connect (cancellable,
                                                 G_CALLBACK (on_parent_cancelled_cb),
                                                 probe, NULL);
}

static void
probe_clear (Probe *probe)
{
  if (probe->cancellable != NULL)
    g_cancellable_disconnect (probe->cancellable, probe->cancelled_id);

  g_mutex_lock (&probe->watchdog.lock);
  probe->watchdog.quit = TRUE;
  g_cond_signal (&probe->watchdog.cond);
  g_mutex_unlock (&probe->watchdog.lock);
  g_thread_join (probe->watchdog.thread);
  g_mutex_clear (&probe->watchdog.lock);
  g_cond_clear (&probe->watchdog.cond);
  g_clear_object (&probe->watchdog.op);

  g_clear_pointer (&probe->conn, PQfinish);
  g_clear_object (&probe->tcp);
  g_clear_pointer (&probe->role, g_free);
  g_clear_object (&probe->result);
}

static gboolean
validate_options (BfgProbeOptions  *options,
                  GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!bfg_endpoint_validate (options->endpoint, &local_error))
    {
      g_set_error (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_INVALID_OPTIONS,
                   _("The endpoint is invalid: %s"), local_error->message);
      return FALSE;
    }

  if (options->tenant_id[0] == '\0' || strlen (options->tenant_id) > 200 ||
      !g_utf8_validate (options->tenant_id, -1, NULL))
    {
      g_set_error_literal (error, BFG_PROBE_ERROR, BFG_PROBE_ERROR_INVALID_OPTIONS,
                           _("The tenant id is empty, too long or not UTF-8"));
      return FALSE;
    }

  return TRUE;
}

static BfgProbeResult *
probe_run (BfgProbeOptions  *options,
           Relay            *relay,
           GCancellable     *cancellable,
           GError          **error)
{
  Probe probe;
  BfgProbeResult *result;

  if (!validate_options (options, error))
    return NULL;

  probe_init (&probe, options, relay, cancellable);

  if (options->password_error != NULL || options->password == NULL)
    {
      GError *why = options->password_error
        ? g_error_copy (options->password_error)
        : g_error_new_literal (BFG_PROBE_ERROR, BFG_PROBE_ERROR_INVALID_OPTIONS,
                               _("No password was given for the endpoint"));

      /* Without the password no step can prove anything end to end, so
       * none runs: a half-probe must not look like progress. */
      skip_rest (&probe, 0, why->message);
      probe.result->error = why;
    }
  else if (!run_reachability (&probe))
    skip_rest (&probe, STEP_TLS, "Skipped: the endpoint is not reachable");
  else if (!run_tls (&probe))
    skip_rest (&probe, STEP_RBAC_SESSION, "Skipped: the TLS step failed");
  else if (!run_rbac_session (&probe))
    skip_rest (&probe, STEP_WRITE_PROBE, "Skipped: the RBAC session step failed");
  else
    run_write_probe (&probe);

  if (g_cancellable_is_cancelled (cancellable) ||
      g_error_matches (probe.result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The probe was cancelled"));
      probe_clear (&probe);
      return NULL;
    }

  result = g_steal_pointer (&probe.result);
  probe_clear (&probe);

  return result;
}

/* What an asynchronous probe carries from the caller to the worker and
 * back. The caller's task owns it and outlives the worker's. */
typedef struct
{
  BfgProbeOptions *options;
  Relay           *relay;
} Run;

static void
run_free (Run *run)
{
  g_clear_pointer (&run->options, bfg_probe_options_free);
  g_clear_pointer (&run->relay, relay_unref);
  g_free (run);
}

static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Run *run = task_data;
  GError *error = NULL;
  BfgProbeResult *result;

  result = probe_run (run->options, run->relay, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

/* In the caller's context, after the worker returned (GTask calls back a
 * threaded task only once its function is over): the step events go out
 * first, then the result. */
static void
on_worker_done_cb (GObject      *source,
                   GAsyncResult *async_result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;
  BfgProbeResult *result;

  result = g_task_propagate_pointer (G_TASK (async_result), &error);

  if (run->relay != NULL)
    relay_close (run->relay);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

/**
 * bfg_probe_run_async:
 * @options: what to probe; copied, so the caller may free them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the caller's main context when the probe ended
 * @user_data: data for @callback
 *
 * Runs the four steps in a worker thread: reachability, TLS (with the
 * certificate fingerprint and pinning), the RBAC session (RLS proof) and
 * the write probe. Each step has its own timeout. A failed step skips
 * the ones after it. Nothing the probe writes is ever committed.
 *
 * The progress function of @options, if any, follows the steps in the
 * thread-default main context of this call; every event it gets comes
 * before @callback runs, and none after a cancellation (see
 * bfg_probe_options_set_progress_func()).
 */
void
bfg_probe_run_async (BfgProbeOptions     *options,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  Run *run;

  g_return_if_fail (options != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run = g_new0 (Run, 1);
  run->options = bfg_probe_options_copy (options);
  /* The relay holds the function, not the worker's copy, so that the
   * caller's data is let go of in the caller's context. */
  if (run->options->progress != NULL)
    run->relay = relay_new (g_steal_pointer (&run->options->progress),
                            g_main_context_ref_thread_default (), cancellable);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bfg_probe_run_async);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  worker = g_task_new (NULL, cancellable, on_worker_done_cb, g_object_ref (task));
  g_task_set_source_tag (worker, probe_thread);
  g_task_set_task_data (worker, run, NULL);
  g_task_run_in_thread (worker, probe_thread);
}

/**
 * bfg_probe_run_finish:
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * A probe whose steps failed still returns a result: look at
 * bfg_probe_result_get_passed() and bfg_probe_result_get_error(). Only
 * invalid options (%BFG_PROBE_ERROR_INVALID_OPTIONS) and cancellation
 * (%G_IO_ERROR_CANCELLED) end in an error here.
 *
 * Returns: (transfer full) (nullable): the result
 */
BfgProbeResult *
bfg_probe_run_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * bfg_probe_run_sync:
 * @options: what to probe
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * The blocking form of bfg_probe_run_async(), for bfgctl and for
 * threads that may block. The progress function of @options runs in
 * this thread, as each step starts and ends.
 *
 * Returns: (transfer full) (nullable): the result
 */
BfgProbeResult *
bfg_probe_run_sync (BfgProbeOptions  *options,
                    GCancellable     *cancellable,
                    GError          **error)
{
  BfgProbeResult *result;
  Relay *relay = NULL;

  g_return_val_if_fail (options != NULL, NULL);

  if (options->progress != NULL)
    relay = relay_new (g_atomic_rc_box_acquire (options->progress), NULL, cancellable);

  result = probe_run (options, relay, cancellable, error);
  g_clear_pointer (&relay, relay_unref);

  return result;
}
