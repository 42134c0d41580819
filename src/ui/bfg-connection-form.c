/* bfg-connection-form.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Connection page's form. The non-secret fields go into the workspace
 * as one audited setting; the password goes to the keyring, or, when no
 * keyring answers, into this session's memory only. The probe runs in the
 * core's worker thread: this widget only starts it, shows each step as it
 * starts and ends, and records what it found, so the main loop never
 * waits on the network.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <inttypes.h>

#include "bfg-connection-form.h"
#include "bfg-connection.h"
#include "bfg-error.h"
#include "bfg-models.h"
#include "bfg-secret.h"
#include "bfg-step-row.h"
#include "bfg-ui-util.h"

/* The check whose record-step permission stands for the whole form: the
 * first of the section, which the others require. */
#define FIRST_CHECK "connection.reachability"

#define TICK_MS 100

typedef struct
{
  const char *step_id;
  const char *title;
} StepInfo;

static const StepInfo step_info[] = {
  { BFG_PROBE_STEP_REACHABILITY, N_("Endpoint reachability") },
  { BFG_PROBE_STEP_TLS, N_("TLS fingerprint") },
  { BFG_PROBE_STEP_RBAC_SESSION, N_("RBAC session") },
  { BFG_PROBE_STEP_WRITE_PROBE, N_("Write probe") },
};

#define N_STEPS G_N_ELEMENTS (step_info)

struct _BfgConnectionForm
{
  AdwBin                parent_instance;

  BfgWorkspace         *workspace;
  BfgEngine            *engine;
  char                 *actor_id;
  BfgProbeResult       *result;
  GCancellable         *cancellable;
  BfgCheck             *first_check;
  char                 *ca_file;
  gboolean              busy;
  gboolean              saved;
  gboolean              session_only;
  gint64                started_us;
  guint                 tick_id;
  BfgStepRow           *steps[N_STEPS];
  /* Which rows show a step's end, so that a cancellation keeps them. */
  gboolean              finished[N_STEPS];

  AdwBanner            *rbac_banner;
  AdwBanner            *keyring_banner;
  AdwEntryRow          *host_row;
  AdwEntryRow          *port_row;
  AdwEntryRow          *database_row;
  AdwEntryRow          *user_row;
  AdwPasswordEntryRow  *password_row;
  AdwComboRow          *sslmode_row;
  AdwActionRow         *weak_tls_row;
  AdwActionRow         *ca_row;
  AdwActionRow         *preview_row;
  AdwPreferencesGroup  *endpoint_group;
  AdwPreferencesGroup  *probe_group;
  AdwActionRow         *saved_row;
};

G_DEFINE_FINAL_TYPE (BfgConnectionForm, bfg_connection_form, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_ENGINE,
  PROP_ACTOR_ID,
  PROP_CA_FILE,
  PROP_BUSY,
  PROP_SESSION_ONLY,
  PROP_RESULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What an asynchronous call needs after the widget may have changed: the
 * actor who asked, and for a save the password to fall back on. */
typedef struct
{
  BfgConnectionForm *self;
  BfgEndpoint       *endpoint;
  BfgProbeOptions   *options;
  char              *actor_id;
  char              *password;
} Call;

static void
call_free (Call *call)
{
  g_clear_object (&call->self);
  g_clear_object (&call->endpoint);
  g_clear_pointer (&call->options, bfg_probe_options_free);
  g_free (call->actor_id);
  if (call->password != NULL)
    {
      explicit_bzero (call->password, strlen (call->password));
      g_free (call->password);
    }
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static Call *
call_new (BfgConnectionForm *self,
          BfgEndpoint       *endpoint)
{
  Call *call = g_new0 (Call, 1);

  call->self = g_object_ref (self);
  call->endpoint = endpoint != NULL ? g_object_ref (endpoint) : NULL;
  call->actor_id = g_strdup (self->actor_id);

  return call;
}

/* Helpers */

static void
show_toast (BfgConnectionForm *self,
            const char        *text)
{
  bfg_ui_show_toast (GTK_WIDGET (self), text);
}

static BfgWorkspace *
get_workspace (BfgConnectionForm *self)
{
  return bfg_ui_pick_workspace (self->workspace, self->engine);
}

static gboolean
parse_port (BfgConnectionForm *self,
            guint             *port)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->port_row));
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT16, &value, NULL))
    return FALSE;

  *port = (guint) value;
  return TRUE;
}

static const char *
field_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* The endpoint the fields describe, or NULL while the port is not a
 * number; the core validates the rest. */
static BfgEndpoint *
endpoint_from_fields (BfgConnectionForm *self)
{
  g_autofree char *host = NULL;
  guint port;

  if (!parse_port (self, &port))
    return NULL;

  host = g_strstrip (g_strdup (field_text (self->host_row)));

  return bfg_endpoint_new (host, port, field_text (self->database_row),
                           field_text (self->user_row),
                           (BfgSslMode) adw_combo_row_get_selected (self->sslmode_row),
                           self->ca_file);
}

static void
set_busy (BfgConnectionForm *self,
          gboolean           busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_session_only (BfgConnectionForm *self,
                  gboolean           session_only)
{
  if (self->session_only == session_only)
    return;

  self->session_only = session_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_ONLY]);
}

static void
set_result (BfgConnectionForm *self,
            BfgProbeResult    *result)
{
  if (g_set_object (&self->result, result))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

/* Tells why the keyring cannot hold the password. The core's messages are
 * for logs; these are the user's. */
static void
note_keyring_error (BfgConnectionForm *self,
                    const GError      *error)
{
  const char *title;

  if (g_error_matches (error, BFG_SECRET_ERROR, BFG_SECRET_ERROR_LOCKED))
    title = _("The keyring is locked. The password is kept for this session only and asked "
              "for again next time.");
  else if (g_error_matches (error, BFG_SECRET_ERROR, BFG_SECRET_ERROR_UNAVAILABLE))
    title = _("No keyring is available. The password is kept for this session only and "
              "asked for again next time.");
  else
    title = _("The keyring refused the password. It is kept for this session only and "
              "asked for again next time.");

  adw_banner_set_title (self->keyring_banner, title);
  set_session_only (self, TRUE);
}

/* RBAC decides the enabled state here, and only here. The core guards
 * the same rule again when the form writes. */
static void
update_actions (BfgConnectionForm *self)
{
  g_autofree char *why = NULL;
  g_autoptr(BfgEndpoint) endpoint = endpoint_from_fields (self);
  gboolean allowed = FALSE;
  gboolean complete;

  if (self->engine != NULL && self->actor_id != NULL)
    allowed = bfg_engine_can_act (self->engine, self->actor_id, FIRST_CHECK,
                                  BFG_ACTION_RECORD_STEP, &why);

  if (self->actor_id == NULL || self->engine == NULL)
    adw_banner_set_revealed (self->rbac_banner, FALSE);
  else if (!allowed)
    {
      g_autofree char *name = bfg_ui_dup_actor_name (self->engine, self->actor_id);
      g_autofree char *title = NULL;

      /* Translators: the first %s is an actor's name, the second the
       * reason the core gives, such as "… lacks evidence.record" */
      title = g_strdup_printf (_("%s cannot record connection evidence: %s"),
                               name, why != NULL ? why : "");
      adw_banner_set_title (self->rbac_banner, title);
      adw_banner_set_revealed (self->rbac_banner, TRUE);
    }
  else
    adw_banner_set_revealed (self->rbac_banner, FALSE);

  complete = endpoint != NULL && bfg_endpoint_validate (endpoint, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connection-form.save",
                                 allowed && complete && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connection-form.run-probe",
                                 allowed && self->saved && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connection-form.cancel", self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connection-form.choose-ca", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connection-form.clear-ca",
                                 !self->busy && self->ca_file != NULL);
}

static void
update_preview (BfgConnectionForm *self)
{
  g_autoptr(BfgEndpoint) endpoint = endpoint_from_fields (self);
  g_autofree char *uri = NULL;
  gboolean port_ok = endpoint != NULL;
  BfgSslMode mode = (BfgSslMode) adw_combo_row_get_selected (self->sslmode_row);

  if (port_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->port_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->port_row), "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->port_row), GTK_ACCESSIBLE_STATE_INVALID,
                               port_ok ? GTK_ACCESSIBLE_INVALID_FALSE
                                       : GTK_ACCESSIBLE_INVALID_TRUE, -1);

  if (endpoint != NULL)
    uri = bfg_endpoint_to_redacted_uri (endpoint);

  adw_action_row_set_subtitle (self->preview_row,
                               uri != NULL ? uri : _("The port must be a number from 1 to 65535"));
  gtk_widget_set_visible (GTK_WIDGET (self->weak_tls_row), mode == BFG_SSL_MODE_REQUIRE);
}

static void
update_ca_row (BfgConnectionForm *self)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->ca_row),
                               self->ca_file != NULL ? self->ca_file
                                                     : _("None: the system trust store"));
}

static void
set_ca_file (BfgConnectionForm *self,
             const char        *path)
{
  if (path != NULL && *path == '\0')
    path = NULL;
  if (!g_set_str (&self->ca_file, path))
    return;

  update_ca_row (self);
  update_preview (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CA_FILE]);
}

/* Fills the fields from the endpoint saved in the workspace. */
static void
load_endpoint (BfgConnectionForm *self)
{
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;
  g_autofree char *uri = NULL;
  BfgWorkspace *workspace = get_workspace (self);

  if (workspace != NULL)
    endpoint = bfg_connection_load_endpoint (workspace, &error);

  if (error != NULL)
    g_warning ("The saved endpoint cannot be read: %s", error->message);

  self->saved = endpoint != NULL;
  if (endpoint == NULL)
    {
      adw_action_row_set_subtitle (self->saved_row, _("Not saved yet"));
      update_preview (self);
      update_actions (self);
      return;
    }

  port = g_strdup_printf ("%u", bfg_endpoint_get_port (endpoint));
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), bfg_endpoint_get_host (endpoint));
  gtk_editable_set_text (GTK_EDITABLE (self->port_row), port);
  gtk_editable_set_text (GTK_EDITABLE (self->database_row),
                         bfg_endpoint_get_database (endpoint));
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), bfg_endpoint_get_user (endpoint));
  adw_combo_row_set_selected (self->sslmode_row, bfg_endpoint_get_sslmode (endpoint));
  set_ca_file (self, bfg_endpoint_get_ca_file (endpoint));

  uri = bfg_endpoint_to_redacted_uri (endpoint);
  adw_action_row_set_subtitle (self->saved_row, uri);

  update_preview (self);
  update_actions (self);
}

/* Step rows */

typedef enum
{
  STEP_IDLE,
  STEP_WAITING,
  STEP_CANCELLED,
} StepLook;

/* The texts are composed here, in the probe's translator context; the
 * row shows them. A %NULL @icon_name shows the step running. */
static void
step_row_show (BfgStepRow *step,
               const char *icon_name,
               const char *style,
               const char *status,
               const char *detail,
               gint64      ms)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *ms_text = NULL;

  /* Translators: a probe step's status, then what it found */
  subtitle = detail != NULL && *detail != '\0'
               ? g_strdup_printf (C_("probe step", "%s · %s"), status, detail)
               : g_strdup (status);

  if (ms >= 0)
    /* Translators: a duration in milliseconds */
    ms_text = g_strdup_printf (_("%'" PRId64 " ms"), ms);

  bfg_step_row_show (step, icon_name, style, status, subtitle, ms_text);
}

/* A cancelled probe keeps the rows of the steps that had ended: what they
 * found is still true, though nothing is recorded. */
static void
show_steps (BfgConnectionForm *self,
            StepLook           look)
{
  for (guint i = 0; i < N_STEPS; i++)
    {
      BfgStepRow *step = self->steps[i];

      switch (look)
        {
        case STEP_IDLE:
          step_row_show (step, "content-loading-symbolic", "dimmed",
                         C_("probe step", "Not run"), NULL, -1);
          break;

        case STEP_WAITING:
          step_row_show (step, "content-loading-symbolic", "dimmed",
                         C_("probe step", "Waiting"), NULL, -1);
          break;

        case STEP_CANCELLED:
          if (!self->finished[i])
            step_row_show (step, "process-stop-symbolic", "dimmed",
                           C_("probe step", "Cancelled"), NULL, -1);
          break;

        default:
          g_assert_not_reached ();
        }

      if (look != STEP_CANCELLED)
        self->finished[i] = FALSE;
    }
}

static void
show_step (BfgConnectionForm *self,
           guint              i,
           BfgProbeStatus     status,
           const char        *detail,
           gint64             ms)
{
  switch (status)
    {
    case BFG_PROBE_STATUS_PASS:
      step_row_show (self->steps[i], "object-select-symbolic", "success",
                     C_("probe step", "Passed"), detail, ms);
      break;

    case BFG_PROBE_STATUS_FAIL:
      step_row_show (self->steps[i], "dialog-error-symbolic", "error",
                     C_("probe step", "Failed"), detail, ms);
      break;

    case BFG_PROBE_STATUS_SKIPPED:
    default:
      step_row_show (self->steps[i], "action-unavailable-symbolic", "dimmed",
                     C_("probe step", "Skipped"), detail, -1);
      break;
    }

  self->finished[i] = TRUE;
}

static void
show_result (BfgConnectionForm *self,
             BfgProbeResult    *result)
{
  for (guint i = 0; i < N_STEPS; i++)
    {
      const char *id = step_info[i].step_id;

      show_step (self, i, bfg_probe_result_get_step_status (result, id),
                 bfg_probe_result_get_step_detail (result, id),
                 bfg_probe_result_get_step_ms (result, id));
    }
}

static void
build_step_rows (BfgConnectionForm *self)
{
  for (guint i = 0; i < N_STEPS; i++)
    {
      GtkWidget *row = bfg_step_row_new (step_info[i].step_id, _(step_info[i].title));

      /* The group owns the row; it outlives every use of this pointer. */
      self->steps[i] = BFG_STEP_ROW (row);
      adw_preferences_group_add (self->probe_group, row);
    }

  show_steps (self, STEP_IDLE);
}

/* Elapsed time, so that a probe waiting on a silent server visibly lives. */
static gboolean
on_tick_cb (gpointer user_data)
{
  BfgConnectionForm *self = user_data;
  double seconds = (g_get_monotonic_time () - self->started_us) / (double) G_USEC_PER_SEC;
  g_autofree char *text = NULL;

  /* Translators: shown while the probe runs; %.1f is seconds */
  text = g_strdup_printf (_("Probing the saved endpoint… %.1f s"), seconds);
  adw_preferences_group_set_description (self->probe_group, text);

  return G_SOURCE_CONTINUE;
}

static void
begin_probe (BfgConnectionForm *self)
{
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->started_us = g_get_monotonic_time ();

  set_busy (self, TRUE);
  show_steps (self, STEP_WAITING);
  on_tick_cb (self);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->tick_id = g_timeout_add (TICK_MS, on_tick_cb, self);
  update_actions (self);
}

static void
end_probe (BfgConnectionForm *self,
           const char        *description)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  adw_preferences_group_set_description (self->probe_group, description);
  set_busy (self, FALSE);
  update_actions (self);
}

/* Probe */

static char *
describe_result (BfgProbeResult *result)
{
  guint passed = 0;

  for (guint i = 0; i < N_STEPS; i++)
    if (bfg_probe_result_get_step_status (result, step_info[i].step_id) ==
        BFG_PROBE_STATUS_PASS)
      passed++;

  if (bfg_probe_result_get_passed (result))
    /* Translators: a toast after the probe; %s is the redacted endpoint */
    return g_strdup_printf (_("Probe passed: all four steps on %s"),
                            bfg_probe_result_get_endpoint (result));

  for (guint i = 0; i < N_STEPS; i++)
    if (bfg_probe_result_get_step_status (result, step_info[i].step_id) ==
        BFG_PROBE_STATUS_FAIL)
      /* Translators: a toast; %s is a probe step's name, %u how many
       * of the four steps passed */
      return g_strdup_printf (_("Probe failed at %s (%u of 4 steps passed)"),
                              _(step_info[i].title), passed);

  return g_strdup_printf (_("Probe did not run: %s"),
                          bfg_probe_result_get_step_detail (result, step_info[0].step_id));
}

/* Ends a probe, cancelled, refused or finished, and records a finished
 * one with the actor who started it. */
static void
probe_finished (Call           *call,
                BfgProbeResult *result,
                const GError   *error)
{
  BfgConnectionForm *self = call->self;
  g_autoptr(GError) record_error = NULL;
  g_autofree char *summary = NULL;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->rbac_banner == NULL)
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      show_steps (self, STEP_CANCELLED);
      end_probe (self, _("The probe was cancelled; nothing was recorded."));
      show_toast (self, _("Probe cancelled"));
      return;
    }

  if (result == NULL)
    {
      show_steps (self, STEP_IDLE);
      end_probe (self, NULL);
      show_toast (self, error->message);
      return;
    }

  set_result (self, result);
  show_result (self, result);
  summary = describe_result (result);

  /* The engine follows BfgWorkspace::changed by itself, so the section's
   * checks move as soon as this is written. */
  if (!bfg_connection_record_result (get_workspace (self), call->actor_id, result,
                                     &record_error))
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the reason the core refused */
      text = g_strdup_printf (_("The probe result was not recorded: %s"),
                              record_error->message);
      end_probe (self, text);
      show_toast (self, text);
      return;
    }

  end_probe (self, summary);
  show_toast (self, summary);
}

static void
on_probe_done_cb (GObject      *source,
                  GAsyncResult *async_result,
                  gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(BfgProbeResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = bfg_probe_run_finish (async_result, &error);
  probe_finished (call, result, error);
}

/* The core calls this in the main context, in step order, and never
 * after the form cancelled the probe, so a row only ever moves forward. */
static void
on_probe_progress_cb (BfgProbeEvent   event,
                      const char     *step_id,
                      BfgProbeStatus  status,
                      gint64          ms,
                      const char     *detail,
                      gpointer        user_data)
{
  BfgConnectionForm *self = user_data;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->rbac_banner == NULL)
    return;

  for (guint i = 0; i < N_STEPS; i++)
    {
      if (!g_str_equal (step_info[i].step_id, step_id))
        continue;

      if (event == BFG_PROBE_EVENT_STEP_STARTED)
        step_row_show (self->steps[i], NULL, NULL, C_("probe step", "Running…"), NULL, -1);
      else
        show_step (self, i, status, detail, ms);
      return;
    }
}

static void
start_probe (Call       *call,
             const char *password,
             GError     *password_error)
{
  BfgConnectionForm *self = call->self;

  if (password != NULL)
    bfg_probe_options_set_password (call->options, password);
  else
    bfg_probe_options_set_password_error (call->options, password_error);
  bfg_probe_options_set_progress_func (call->options, on_probe_progress_cb,
                                       g_object_ref (self), g_object_unref);

  bfg_probe_run_async (call->options, self->cancellable, on_probe_done_cb, call);
}

/* Without a password the core still runs and records why no step could
 * prove anything: that is evidence too, and it names what to fix. */
static void
probe_with_session_password (Call         *call,
                             const GError *keyring_error)
{
  BfgEndpoint *endpoint = bfg_probe_options_get_endpoint (call->options);
  g_autoptr(GError) why = NULL;
  char *password;

  password = bfg_secret_session_lookup (endpoint);
  if (password != NULL)
    {
      start_probe (call, password, NULL);
      explicit_bzero (password, strlen (password));
      g_free (password);
      return;
    }

  if (keyring_error != NULL)
    why = g_error_copy (keyring_error);
  else
    why = g_error_new_literal (BFG_SECRET_ERROR, BFG_SECRET_ERROR_FAILED,
                               _("No password is saved for this endpoint; enter it and save"));
  start_probe (call, NULL, why);
}

static void
on_password_found_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Call *call = user_data;
  BfgConnectionForm *self = call->self;
  g_autoptr(GError) error = NULL;
  char *password;

  password = bfg_secret_lookup_finish (result, &error);

  if (g_cancellable_is_cancelled (self->cancellable) || self->rbac_banner == NULL)
    {
      g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                         _("Cancelled"));

      /* The probe never started: it ends the same way as a cancelled one. */
      if (password != NULL)
        secret_password_free (password);
      probe_finished (call, NULL, cancelled);
      call_free (call);
      return;
    }

  if (password != NULL)
    {
      start_probe (call, password, NULL);
      secret_password_free (password);
      return;
    }

  if (error != NULL)
    note_keyring_error (self, error);
  probe_with_session_password (call, error);
}

static void
bfg_connection_form_run_probe_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  BfgConnectionForm *self = BFG_CONNECTION_FORM (widget);
  g_autoptr(GError) error = NULL;
  BfgProbeOptions *options;
  Call *call;

  if (self->busy || get_workspace (self) == NULL || self->actor_id == NULL)
    return;

  options = bfg_connection_prepare_probe (get_workspace (self), &error);
  if (options == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  call = call_new (self, NULL);
  call->options = options;
  set_result (self, NULL);
  begin_probe (self);

  /* A keyring that failed once this session would only fail again, and
   * may prompt; go straight to the session's copy. */
  if (self->session_only)
    {
      probe_with_session_password (call, NULL);
      return;
    }

  bfg_secret_lookup_async (bfg_probe_options_get_endpoint (options), self->cancellable,
                           on_password_found_cb, call);
}

static void
bfg_connection_form_cancel_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  BfgConnectionForm *self = BFG_CONNECTION_FORM (widget);

  g_cancellable_cancel (self->cancellable);
  if (self->tick_id != 0)
    adw_preferences_group_set_description (self->probe_group, _("Cancelling…"));
}

/* Save */

static void
on_password_stored_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  BfgConnectionForm *self = call->self;
  g_autoptr(GError) error = NULL;

  bfg_secret_store_finish (result, &error);

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->rbac_banner == NULL)
    return;

  set_busy (self, FALSE);
  update_actions (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      show_toast (self, _("Endpoint saved; the password was not stored"));
      return;
    }

  if (error != NULL)
    {
      /* Never a plaintext fallback: this process's memory, and no more. */
      bfg_secret_session_remember (call->endpoint, call->password);
      note_keyring_error (self, error);
      show_toast (self, _("Endpoint saved; the password is kept for this session only"));
      return;
    }

  bfg_secret_session_forget (call->endpoint);
  set_session_only (self, FALSE);
  show_toast (self, _("Endpoint saved; the password is in the keyring"));
}

static void
bfg_connection_form_save_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  BfgConnectionForm *self = BFG_CONNECTION_FORM (widget);
  g_autoptr(BfgEndpoint) endpoint = endpoint_from_fields (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  const char *password;
  Call *call;

  if (get_workspace (self) == NULL || self->actor_id == NULL || self->busy)
    return;

  if (endpoint == NULL)
    {
      show_toast (self, _("The port must be a number from 1 to 65535"));
      return;
    }

  if (!bfg_connection_save_endpoint (get_workspace (self), self->actor_id, endpoint, &error))
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the reason, such as "Driver lacks evidence.record" */
      text = g_strdup_printf (_("The endpoint was not saved: %s"), error->message);
      show_toast (self, text);
      return;
    }

  uri = bfg_endpoint_to_redacted_uri (endpoint);
  adw_action_row_set_subtitle (self->saved_row, uri);
  self->saved = TRUE;

  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  if (password == NULL || *password == '\0')
    {
      update_actions (self);
      show_toast (self, _("Endpoint saved"));
      return;
    }

  call = call_new (self, endpoint);
  call->password = g_strdup (password);
  /* The field has served its purpose; the row's buffer is wiped with it. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");

  if (self->session_only)
    {
      /* Known to fail this session: keep it in memory at once, without a
       * keyring round trip that may prompt again. */
      bfg_secret_session_remember (endpoint, call->password);
      call_free (call);
      update_actions (self);
      show_toast (self, _("Endpoint saved; the password is kept for this session only"));
      return;
    }

  /* The keyring may prompt to unlock; the form waits, the window does not. */
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  update_actions (self);
  bfg_secret_store_async (endpoint, call->password, self->cancellable,
                          on_password_stored_cb, call);
}

/* CA file */

static void
on_ca_chosen_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BfgConnectionForm) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, &error);
  if (file == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)) ||
      self->rbac_banner == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_toast (self, _("The CA file must be a local file"));
      return;
    }

  set_ca_file (self, path);
}

static void
bfg_connection_form_choose_ca_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  BfgConnectionForm *self = BFG_CONNECTION_FORM (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_file_filter_set_name (filter, _("Certificates (PEM)"));
  gtk_file_filter_add_suffix (filter, "pem");
  gtk_file_filter_add_suffix (filter, "crt");
  gtk_file_filter_add_mime_type (filter, "application/x-x509-ca-cert");
  g_list_store_append (filters, filter);

  gtk_file_dialog_set_title (dialog, _("Choose the CA File"));
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));

  gtk_file_dialog_open (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                        on_ca_chosen_cb, g_object_ref (self));
}

static void
bfg_connection_form_clear_ca_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  set_ca_file (BFG_CONNECTION_FORM (widget), NULL);
}

/* Callbacks */

static void
on_field_changed_cb (BfgConnectionForm *self)
{
  update_preview (self);
  update_actions (self);
}

static void
on_first_check_state_cb (BfgConnectionForm *self)
{
  update_actions (self);
}

/* GObject */

static void
bfg_connection_form_dispose (GObject *object)
{
  BfgConnectionForm *self = BFG_CONNECTION_FORM (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), BFG_TYPE_CONNECTION_FORM);
  self->rbac_banner = NULL;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->result);
  g_clear_object (&self->first_check);
  g_clear_object (&self->engine);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (bfg_connection_form_parent_class)->dispose (object);
}

static void
bfg_connection_form_finalize (GObject *object)
{
  BfgConnectionForm *self = BFG_CONNECTION_FORM (object);

  g_free (self->actor_id);
  g_free (self->ca_file);

  G_OBJECT_CLASS (bfg_connection_form_parent_class)->finalize (object);
}

static void
bfg_connection_form_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BfgConnectionForm *self = BFG_CONNECTION_FORM (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;

    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    case PROP_ACTOR_ID:
      g_value_set_string (value, self->actor_id);
      break;

    case PROP_CA_FILE:
      g_value_set_string (value, self->ca_file);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_SESSION_ONLY:
      g_value_set_boolean (value, self->session_only);
      break;

    case PROP_RESULT:
      g_value_set_object (value, self->result);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_connection_form_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BfgConnectionForm *self = BFG_CONNECTION_FORM (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      bfg_connection_form_set_workspace (self, g_value_get_object (value));
      break;

    case PROP_ENGINE:
      bfg_connection_form_set_engine (self, g_value_get_object (value));
      break;

    case PROP_ACTOR_ID:
      bfg_connection_form_set_actor_id (self, g_value_get_string (value));
      break;

    case PROP_CA_FILE:
      set_ca_file (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_connection_form_class_init (BfgConnectionFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bfg_connection_form_dispose;
  object_class->finalize = bfg_connection_form_finalize;
  object_class->get_property = bfg_connection_form_get_property;
  object_class->set_property = bfg_connection_form_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL,
                         BFG_TYPE_WORKSPACE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL,
                         BFG_TYPE_ENGINE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTOR_ID] =
    g_param_spec_string ("actor-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* The file chooser sets it; so can a test, which has no portal. */
  properties[PROP_CA_FILE] =
    g_param_spec_string ("ca-file", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_SESSION_ONLY] =
    g_param_spec_boolean ("session-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL,
                         BFG_TYPE_PROBE_RESULT,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-connection-form.ui");
  gtk_widget_class_bind_template_child (widget_class, BfgConnectionForm, rbac_banner);
  gtk_widget_class_bind_template_child (widget_class, BfgConnectionForm, keyring_banner);
  gtk_widget_class_bind_template_child (widget_class, BfgConnectionForm, host_row);
  gtk_widget_class_bind_template_child (widget_class, BfgConnectionForm, port_row);
  gtk_widget_class_bind_template_child (widget_class, BfgConnectionForm, database_row);
  gtk_widget_class_bind_template_child (widget_class, BfgConnectionForm, user_row);
  gtk_widget_class_bind_template_child (widget_class, BfgConnectionForm, password_row);
  gtk_widget_class_bind_template_child (widget_class, BfgConnectionForm, sslmode_row);
  gtk_widget_class_bind_template_child (widget_class, BfgConnectionForm, weak_tls_row);
  gtk_widget_class_bind_template_child (widget_class, BfgConnectionForm, ca_row);
  gtk_widget_class_bind_template_child (widget_class, BfgConnectionForm, preview_row);
  gtk_widget_class_bind_template_child (widget_class, BfgConnectionForm, endpoint_group);
  gtk_widget_class_bind_template_child (widget_class, BfgConnectionForm, probe_group);
  gtk_widget_class_bind_template_child (widget_class, BfgConnectionForm, saved_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);

  gtk_widget_class_install_action (widget_class, "connection-form.save", NULL,
                                   bfg_connection_form_save_action);
  gtk_widget_class_install_action (widget_class, "connection-form.run-probe", NULL,
                                   bfg_connection_form_run_probe_action);
  gtk_widget_class_install_action (widget_class, "connection-form.cancel", NULL,
                                   bfg_connection_form_cancel_action);
  gtk_widget_class_install_action (widget_class, "connection-form.choose-ca", NULL,
                                   bfg_connection_form_choose_ca_action);
  gtk_widget_class_install_action (widget_class, "connection-form.clear-ca", NULL,
                                   bfg_connection_form_clear_ca_action);
}

static void
bfg_connection_form_init (BfgConnectionForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  build_step_rows (self);
  update_ca_row (self);
  update_preview (self);
  adw_action_row_set_subtitle (self->saved_row, _("Not saved yet"));
  update_actions (self);
}

/* Public API */

/**
 * bfg_connection_form_new:
 * @engine: (nullable): the engine of the open workspace
 * @actor_id: (nullable): the acting actor
 *
 * Returns: (transfer floating): a new connection form
 */
GtkWidget *
bfg_connection_form_new (BfgEngine  *engine,
                         const char *actor_id)
{
  g_return_val_if_fail (engine == NULL || BFG_IS_ENGINE (engine), NULL);

  return g_object_new (BFG_TYPE_CONNECTION_FORM,
                       "engine", engine,
                       "actor-id", actor_id,
                       NULL);
}

BfgWorkspace *
bfg_connection_form_get_workspace (BfgConnectionForm *self)
{
  g_return_val_if_fail (BFG_IS_CONNECTION_FORM (self), NULL);

  return get_workspace (self);
}

/**
 * bfg_connection_form_set_workspace:
 * @self: a #BfgConnectionForm
 * @workspace: (nullable): where the endpoint is saved; when unset, the
 *   engine's workspace
 */
void
bfg_connection_form_set_workspace (BfgConnectionForm *self,
                                   BfgWorkspace      *workspace)
{
  g_return_if_fail (BFG_IS_CONNECTION_FORM (self));
  g_return_if_fail (workspace == NULL || BFG_IS_WORKSPACE (workspace));

  if (!g_set_object (&self->workspace, workspace))
    return;

  load_endpoint (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

BfgEngine *
bfg_connection_form_get_engine (BfgConnectionForm *self)
{
  g_return_val_if_fail (BFG_IS_CONNECTION_FORM (self), NULL);

  return self->engine;
}

void
bfg_connection_form_set_engine (BfgConnectionForm *self,
                                BfgEngine         *engine)
{
  g_return_if_fail (BFG_IS_CONNECTION_FORM (self));
  g_return_if_fail (engine == NULL || BFG_IS_ENGINE (engine));

  if (!g_set_object (&self->engine, engine))
    return;

  bfg_ui_follow_check (&self->first_check, engine, FIRST_CHECK,
                       G_CALLBACK (on_first_check_state_cb), self);

  load_endpoint (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

const char *
bfg_connection_form_get_actor_id (BfgConnectionForm *self)
{
  g_return_val_if_fail (BFG_IS_CONNECTION_FORM (self), NULL);

  return self->actor_id;
}

void
bfg_connection_form_set_actor_id (BfgConnectionForm *self,
                                  const char        *actor_id)
{
  g_return_if_fail (BFG_IS_CONNECTION_FORM (self));

  if (!g_set_str (&self->actor_id, actor_id))
    return;

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR_ID]);
}

/**
 * bfg_connection_form_get_busy:
 * @self: a #BfgConnectionForm
 *
 * Returns: %TRUE while a probe runs
 */
gboolean
bfg_connection_form_get_busy (BfgConnectionForm *self)
{
  g_return_val_if_fail (BFG_IS_CONNECTION_FORM (self), FALSE);

  return self->busy;
}

/**
 * bfg_connection_form_get_session_only:
 * @self: a #BfgConnectionForm
 *
 * Returns: %TRUE when the keyring failed and the password lives in this
 *   session's memory only
 */
gboolean
bfg_connection_form_get_session_only (BfgConnectionForm *self)
{
  g_return_val_if_fail (BFG_IS_CONNECTION_FORM (self), FALSE);

  return self->session_only;
}

/**
 * bfg_connection_form_get_result:
 * @self: a #BfgConnectionForm
 *
 * Returns: (transfer none) (nullable): the last finished probe
 */
BfgProbeResult *
bfg_connection_form_get_result (BfgConnectionForm *self)
{
  g_return_val_if_fail (BFG_IS_CONNECTION_FORM (self), NULL);

  return self->result;
}
