/* bfg-dry-run-panel.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Dry-run page's runner. The core does the work in a worker thread,
 * records the transcript and every step's evidence, and reports progress
 * in this main context; the panel only shows it. Progress repaints are
 * capped at ten a second however often the core reports, so a fast
 * replay never floods the main loop.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <inttypes.h>

#include "bfg-connection.h"
#include "bfg-dry-run-panel.h"
#include "bfg-error.h"
#include "bfg-models.h"
#include "bfg-secret.h"
#include "bfg-step-row.h"
#include "bfg-ui-util.h"

#define UPDATE_INTERVAL_US (G_USEC_PER_SEC / 10)

typedef struct
{
  const char *step_id;
  const char *title;
} StepInfo;

static const StepInfo step_info[BFG_DRY_RUN_N_STEPS] = {
  { BFG_DRY_RUN_STEP_EXPORT_SNAPSHOT, N_("Export snapshot") },
  { BFG_DRY_RUN_STEP_SCHEMA_MAP, N_("Schema map validation") },
  { BFG_DRY_RUN_STEP_RBAC_CLAIMS, N_("RBAC claims rehearsal") },
  { BFG_DRY_RUN_STEP_ADAPTER_REPLAY, N_("Adapter replay transcript") },
  { BFG_DRY_RUN_STEP_ROLLBACK_CHECKPOINT, N_("Rollback checkpoint") },
};

struct _BfgDryRunPanel
{
  AdwBin                parent_instance;

  BfgWorkspace         *workspace;
  BfgEngine            *engine;
  char                 *actor_id;
  BfgDryRunResult      *result;
  GCancellable         *cancellable;
  BfgCheck             *first_check;
  BfgEndpoint          *endpoint;
  gboolean              busy;
  BfgStepRow           *steps[BFG_DRY_RUN_N_STEPS];

  /* The latest progress, and when it was last shown. */
  int                   progress_step;
  guint64               progress_rows;
  guint64               progress_total;
  double                progress_rate;
  gint64                shown_us;
  guint                 update_id;

  AdwBanner            *rbac_banner;
  AdwActionRow         *target_row;
  GtkWidget            *local_tag;
  AdwSwitchRow         *endpoint_row;
  GtkLabel             *progress_step_label;
  GtkLabel             *progress_rows_label;
  GtkProgressBar       *progress_bar;
  AdwPreferencesGroup  *steps_group;
};

G_DEFINE_FINAL_TYPE (BfgDryRunPanel, bfg_dry_run_panel, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_ENGINE,
  PROP_ACTOR_ID,
  PROP_BUSY,
  PROP_RESULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One run in flight: the actor who started it and, for a replay into the
 * endpoint, the endpoint whose password is being looked up. */
typedef struct
{
  BfgDryRunPanel *self;
  char           *actor_id;
  BfgEndpoint    *endpoint;
} Call;

static void
call_free (Call *call)
{
  g_clear_object (&call->self);
  g_clear_object (&call->endpoint);
  g_free (call->actor_id);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

/* Helpers */

static void
show_toast (BfgDryRunPanel *self,
            const char     *text)
{
  bfg_ui_show_toast (GTK_WIDGET (self), text);
}

static BfgWorkspace *
get_workspace (BfgDryRunPanel *self)
{
  return bfg_ui_pick_workspace (self->workspace, self->engine);
}

static gboolean
is_alive (BfgDryRunPanel *self)
{
  return self->rbac_banner != NULL && !gtk_widget_in_destruction (GTK_WIDGET (self));
}

static int
step_index (const char *step_id)
{
  for (guint i = 0; i < BFG_DRY_RUN_N_STEPS; i++)
    if (g_strcmp0 (step_info[i].step_id, step_id) == 0)
      return i;

  return -1;
}

static const char *
first_check_id (void)
{
  return bfg_dry_run_step_check_id (step_info[0].step_id);
}

static void
set_busy (BfgDryRunPanel *self,
          gboolean        busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_result (BfgDryRunPanel  *self,
            BfgDryRunResult *result)
{
  if (g_set_object (&self->result, result))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

/* RBAC decides the enabled state here, and only here; the core refuses
 * the same actors again when the run starts. */
static void
update_actions (BfgDryRunPanel *self)
{
  g_autofree char *why = NULL;
  gboolean allowed = FALSE;

  if (self->engine != NULL && self->actor_id != NULL)
    allowed = bfg_engine_can_act (self->engine, self->actor_id, first_check_id (),
                                  BFG_ACTION_RECORD_STEP, &why);

  if (self->engine != NULL && self->actor_id != NULL && !allowed)
    {
      g_autofree char *name = bfg_ui_dup_actor_name (self->engine, self->actor_id);
      g_autofree char *title = NULL;

      /* Translators: the first %s is an actor's name, the second the
       * reason the core gives, such as "… lacks evidence.record" */
      title = g_strdup_printf (_("%s cannot run the dry-run: %s"),
                               name, why != NULL ? why : "");
      adw_banner_set_title (self->rbac_banner, title);
      adw_banner_set_revealed (self->rbac_banner, TRUE);
    }
  else
    {
      adw_banner_set_revealed (self->rbac_banner, FALSE);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dry-run-panel.run",
                                 allowed && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dry-run-panel.cancel", self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->endpoint_row), !self->busy);
}

static gboolean
uses_endpoint (BfgDryRunPanel *self)
{
  return self->endpoint != NULL && adw_switch_row_get_active (self->endpoint_row);
}

/* Names where the replay goes before it runs, and where it went after. */
static void
update_target (BfgDryRunPanel *self)
{
  g_autofree char *uri = NULL;
  gboolean local;

  if (self->result != NULL && !self->busy)
    local = g_strcmp0 (bfg_dry_run_result_get_target (self->result),
                       BFG_DRY_RUN_LOCAL_REHEARSAL) == 0;
  else
    local = !uses_endpoint (self);

  if (local)
    {
      adw_action_row_set_subtitle (self->target_row,
                                   _("Local rehearsal: a temporary sqlite database built "
                                     "from the schema map and deleted afterwards. It "
                                     "proves the contract, not the live adapter."));
    }
  else
    {
      if (self->result != NULL && !self->busy)
        uri = g_strdup (bfg_dry_run_result_get_target (self->result));
      else
        uri = bfg_endpoint_to_redacted_uri (self->endpoint);
      adw_action_row_set_subtitle (self->target_row, uri);
    }

  gtk_widget_set_visible (self->local_tag, local);
}

static void
load_endpoint (BfgDryRunPanel *self)
{
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  BfgWorkspace *workspace = get_workspace (self);

  if (workspace != NULL)
    endpoint = bfg_connection_load_endpoint (workspace, &error);
  if (error != NULL)
    g_warning ("The saved endpoint cannot be read: %s", error->message);

  g_set_object (&self->endpoint, endpoint);
  gtk_widget_set_visible (GTK_WIDGET (self->endpoint_row), endpoint != NULL);

  if (endpoint != NULL)
    {
      uri = bfg_endpoint_to_redacted_uri (endpoint);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->endpoint_row), uri);
    }

  update_target (self);
}

/* Step rows */

/* The texts are composed here, in the dry-run's translator context; the
 * row shows them. A %NULL @icon_name shows the step running. */
static void
step_row_show (BfgStepRow *step,
               const char *icon_name,
               const char *style,
               const char *status,
               const char *detail,
               gint64      rows,
               gint64      ms)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *numbers = NULL;

  /* Translators: a dry-run step's status, then what it found */
  subtitle = detail != NULL && *detail != '\0'
               ? g_strdup_printf (C_("dry-run step", "%s · %s"), status, detail)
               : g_strdup (status);

  if (ms >= 0)
    numbers = bfg_dry_run_format_step_numbers (rows, ms);

  bfg_step_row_show (step, icon_name, style, status, subtitle, numbers);
}

/* Before @current: done (the result tells how); @current: running;
 * after it: waiting. -1 shows every step as not run yet. */
static void
show_running_steps (BfgDryRunPanel *self,
                    int             current)
{
  for (int i = 0; i < BFG_DRY_RUN_N_STEPS; i++)
    {
      BfgStepRow *step = self->steps[i];

      if (current < 0)
        step_row_show (step, "content-loading-symbolic", "dimmed",
                       C_("dry-run step", "Not run"), NULL, 0, -1);
      else if (i < current)
        step_row_show (step, "object-select-symbolic", "dimmed",
                       C_("dry-run step", "Done"), NULL, 0, -1);
      else if (i == current)
        step_row_show (step, NULL, NULL, C_("dry-run step", "Running…"), NULL, 0, -1);
      else
        step_row_show (step, "content-loading-symbolic", "dimmed",
                       C_("dry-run step", "Waiting"), NULL, 0, -1);
    }
}

static void
show_result (BfgDryRunPanel  *self,
             BfgDryRunResult *result)
{
  for (guint i = 0; i < BFG_DRY_RUN_N_STEPS; i++)
    {
      const char *id = step_info[i].step_id;
      const char *detail = bfg_dry_run_result_get_step_detail (result, id);
      gint64 rows = bfg_dry_run_result_get_step_rows (result, id);
      gint64 ms = bfg_dry_run_result_get_step_ms (result, id);

      switch (bfg_dry_run_result_get_step_status (result, id))
        {
        case BFG_DRY_RUN_STATUS_PASS:
          step_row_show (self->steps[i], "object-select-symbolic", "success",
                         C_("dry-run step", "Passed"), detail, rows, ms);
          break;

        case BFG_DRY_RUN_STATUS_FAIL:
          step_row_show (self->steps[i], "dialog-error-symbolic", "error",
                         C_("dry-run step", "Failed"), detail, rows, ms);
          break;

        case BFG_DRY_RUN_STATUS_CANCELLED:
        default:
          step_row_show (self->steps[i], "process-stop-symbolic", "warning",
                         C_("dry-run step", "Cancelled"), detail, rows, ms);
          break;
        }
    }
}

static void
build_step_rows (BfgDryRunPanel *self)
{
  for (guint i = 0; i < BFG_DRY_RUN_N_STEPS; i++)
    {
      GtkWidget *row = bfg_step_row_new (step_info[i].step_id, _(step_info[i].title));

      /* The group owns the row; it outlives every use of this pointer. */
      self->steps[i] = BFG_STEP_ROW (row);
      adw_preferences_group_add (self->steps_group, row);
    }

  show_running_steps (self, -1);
}

/* Progress */

static void
show_progress (BfgDryRunPanel *self)
{
  g_autofree char *rows = NULL;
  int i = self->progress_step;

  self->shown_us = g_get_monotonic_time ();

  if (i < 0)
    return;

  gtk_label_set_label (self->progress_step_label, _(step_info[i].title));
  show_running_steps (self, i);

  if (self->progress_total > 0)
    {
      /* Translators: rows done of the step's total, then the rate */
      rows = g_strdup_printf (_("%'" PRIu64 " of %'" PRIu64
                                " rows · %'.0f rows/s"),
                              self->progress_rows, self->progress_total,
                              self->progress_rate);
      gtk_progress_bar_set_fraction (self->progress_bar,
                                     MIN (1.0, (double) self->progress_rows /
                                               self->progress_total));
    }
  else
    {
      /* Translators: rows done so far, then the rate */
      rows = g_strdup_printf (_("%'" PRIu64 " rows · %'.0f rows/s"),
                              self->progress_rows, self->progress_rate);
      /* Without a total, the bar shows how far through the five steps. */
      gtk_progress_bar_set_fraction (self->progress_bar, (double) i / BFG_DRY_RUN_N_STEPS);
    }

  gtk_label_set_label (self->progress_rows_label, rows);
}

static gboolean
on_update_timeout_cb (gpointer user_data)
{
  BfgDryRunPanel *self = user_data;

  self->update_id = 0;
  show_progress (self);

  return G_SOURCE_REMOVE;
}

static void
on_progress_cb (const char *step_id,
                guint64     rows,
                guint64     total,
                double      rows_per_second,
                gpointer    user_data)
{
  BfgDryRunPanel *self = user_data;
  gint64 since;

  if (!self->busy || !is_alive (self))
    return;

  self->progress_step = step_index (step_id);
  self->progress_rows = rows;
  self->progress_total = total;
  self->progress_rate = rows_per_second;

  /* At most ten repaints a second; the newest numbers win. */
  since = g_get_monotonic_time () - self->shown_us;
  if (since >= UPDATE_INTERVAL_US)
    {
      g_clear_handle_id (&self->update_id, g_source_remove);
      show_progress (self);
    }
  else if (self->update_id == 0)
    {
      self->update_id = g_timeout_add ((UPDATE_INTERVAL_US - since) / 1000 + 1,
                                       on_update_timeout_cb, self);
    }
}

/* Run */

static char *
describe_result (BfgDryRunResult *result)
{
  gboolean local = g_strcmp0 (bfg_dry_run_result_get_target (result),
                              BFG_DRY_RUN_LOCAL_REHEARSAL) == 0;

  if (bfg_dry_run_result_get_cancelled (result))
    return g_strdup (_("Dry-run cancelled; the steps it did not finish are recorded as "
                       "cancelled"));

  if (bfg_dry_run_result_get_passed (result))
    return local
      /* Translators: %s is a replay id */
      ? g_strdup_printf (_("Dry-run passed as a local rehearsal (replay %s)"),
                         bfg_dry_run_result_get_replay_id (result))
      /* Translators: %s is a replay id */
      : g_strdup_printf (_("Dry-run passed against the adapter (replay %s)"),
                         bfg_dry_run_result_get_replay_id (result));

  for (guint i = 0; i < BFG_DRY_RUN_N_STEPS; i++)
    if (bfg_dry_run_result_get_step_status (result, step_info[i].step_id) ==
        BFG_DRY_RUN_STATUS_FAIL)
      /* Translators: %s is a dry-run step's name */
      return g_strdup_printf (_("Dry-run failed at %s"), _(step_info[i].title));

  return g_strdup (_("Dry-run failed"));
}

static void
end_run (BfgDryRunPanel *self)
{
  g_clear_handle_id (&self->update_id, g_source_remove);
  set_busy (self, FALSE);
  update_target (self);
  update_actions (self);
}

static void
on_dry_run_done_cb (GObject      *source,
                    GAsyncResult *async_result,
                    gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  BfgDryRunPanel *self = call->self;
  g_autoptr(BfgDryRunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  result = bfg_dry_run_finish (BFG_WORKSPACE (source), async_result, &error);

  if (!is_alive (self))
    return;

  if (result == NULL)
    {
      g_autofree char *text = NULL;

      show_running_steps (self, -1);
      end_run (self);
      /* Translators: %s is the reason, such as "Driver lacks evidence.record" */
      text = g_strdup_printf (_("The dry-run did not run: %s"), error->message);
      show_toast (self, text);
      return;
    }

  /* The core has recorded the transcript and each step's evidence; the
   * engine refreshes on BfgWorkspace::changed and the checks follow. */
  set_result (self, result);
  show_result (self, result);
  end_run (self);

  summary = describe_result (result);
  show_toast (self, summary);
}

static void
start_run (Call       *call,
           const char *password)
{
  BfgDryRunPanel *self = call->self;
  g_autoptr(BfgDryRunOptions) options = bfg_dry_run_options_new (call->actor_id);

  if (call->endpoint != NULL)
    {
      bfg_dry_run_options_set_endpoint (options, call->endpoint);
      bfg_dry_run_options_set_password (options, password);
    }

  /* The options hold a reference until they are freed; the call holds
   * another until the run is over, after the last progress report. */
  bfg_dry_run_options_set_progress (options, on_progress_cb, g_object_ref (self),
                                    g_object_unref);
  bfg_dry_run_async (get_workspace (self), options, self->cancellable,
                     on_dry_run_done_cb, call);
}

static void
fail_to_start (Call       *call,
               const char *text)
{
  BfgDryRunPanel *self = call->self;

  if (is_alive (self))
    {
      show_running_steps (self, -1);
      end_run (self);
      if (text != NULL)
        show_toast (self, text);
    }

  call_free (call);
}

static void
on_password_found_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  char *password;

  password = bfg_secret_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !is_alive (call->self))
    {
      if (password != NULL)
        secret_password_free (password);
      fail_to_start (call, _("Dry-run cancelled"));
      return;
    }

  if (password == NULL)
    password = bfg_secret_session_lookup (call->endpoint);

  if (password == NULL)
    {
      fail_to_start (call, _("No password is available for the saved endpoint: enter it on "
                             "the Connection page and save"));
      return;
    }

  start_run (call, password);
  explicit_bzero (password, strlen (password));
  g_free (password);
}

static void
bfg_dry_run_panel_run_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  BfgDryRunPanel *self = BFG_DRY_RUN_PANEL (widget);
  Call *call;

  if (self->busy || get_workspace (self) == NULL || self->actor_id == NULL)
    return;

  call = g_new0 (Call, 1);
  call->self = g_object_ref (self);
  call->actor_id = g_strdup (self->actor_id);
  if (uses_endpoint (self))
    call->endpoint = g_object_ref (self->endpoint);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->progress_step = -1;
  self->shown_us = 0;
  set_result (self, NULL);
  set_busy (self, TRUE);
  gtk_label_set_label (self->progress_step_label, _("Starting…"));
  gtk_label_set_label (self->progress_rows_label, "");
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  show_running_steps (self, 0);
  update_target (self);
  update_actions (self);

  if (call->endpoint == NULL)
    {
      start_run (call, NULL);
      return;
    }

  bfg_secret_lookup_async (call->endpoint, self->cancellable, on_password_found_cb, call);
}

static void
bfg_dry_run_panel_cancel_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  BfgDryRunPanel *self = BFG_DRY_RUN_PANEL (widget);

  g_cancellable_cancel (self->cancellable);
  gtk_label_set_label (self->progress_step_label, _("Cancelling…"));
}

/* Callbacks */

static void
on_endpoint_toggled_cb (BfgDryRunPanel *self)
{
  update_target (self);
}

static void
on_first_check_state_cb (BfgDryRunPanel *self)
{
  update_actions (self);
}

static void
on_workspace_changed_cb (BfgDryRunPanel *self)
{
  /* The endpoint is saved on another page; follow it here. */
  if (!self->busy)
    load_endpoint (self);
}

static void
connect_workspace (BfgDryRunPanel *self)
{
  BfgWorkspace *workspace = get_workspace (self);

  if (workspace != NULL)
    g_signal_connect_object (workspace, "changed", G_CALLBACK (on_workspace_changed_cb),
                             self, G_CONNECT_SWAPPED);
}

static void
disconnect_workspace (BfgDryRunPanel *self)
{
  BfgWorkspace *workspace = get_workspace (self);

  if (workspace != NULL)
    g_signal_handlers_disconnect_by_func (workspace, on_workspace_changed_cb, self);
}

/* GObject */

static void
bfg_dry_run_panel_dispose (GObject *object)
{
  BfgDryRunPanel *self = BFG_DRY_RUN_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->update_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), BFG_TYPE_DRY_RUN_PANEL);
  self->rbac_banner = NULL;

  disconnect_workspace (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->result);
  g_clear_object (&self->first_check);
  g_clear_object (&self->endpoint);
  g_clear_object (&self->engine);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (bfg_dry_run_panel_parent_class)->dispose (object);
}

static void
bfg_dry_run_panel_finalize (GObject *object)
{
  BfgDryRunPanel *self = BFG_DRY_RUN_PANEL (object);

  g_free (self->actor_id);

  G_OBJECT_CLASS (bfg_dry_run_panel_parent_class)->finalize (object);
}

static void
bfg_dry_run_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BfgDryRunPanel *self = BFG_DRY_RUN_PANEL (object);

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

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_RESULT:
      g_value_set_object (value, self->result);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_dry_run_panel_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BfgDryRunPanel *self = BFG_DRY_RUN_PANEL (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      bfg_dry_run_panel_set_workspace (self, g_value_get_object (value));
      break;

    case PROP_ENGINE:
      bfg_dry_run_panel_set_engine (self, g_value_get_object (value));
      break;

    case PROP_ACTOR_ID:
      bfg_dry_run_panel_set_actor_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_dry_run_panel_class_init (BfgDryRunPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bfg_dry_run_panel_dispose;
  object_class->finalize = bfg_dry_run_panel_finalize;
  object_class->get_property = bfg_dry_run_panel_get_property;
  object_class->set_property = bfg_dry_run_panel_set_property;

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

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL,
                         BFG_TYPE_DRY_RUN_RESULT,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-dry-run-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BfgDryRunPanel, rbac_banner);
  gtk_widget_class_bind_template_child (widget_class, BfgDryRunPanel, target_row);
  gtk_widget_class_bind_template_child (widget_class, BfgDryRunPanel, local_tag);
  gtk_widget_class_bind_template_child (widget_class, BfgDryRunPanel, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, BfgDryRunPanel, progress_step_label);
  gtk_widget_class_bind_template_child (widget_class, BfgDryRunPanel, progress_rows_label);
  gtk_widget_class_bind_template_child (widget_class, BfgDryRunPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, BfgDryRunPanel, steps_group);
  gtk_widget_class_bind_template_callback (widget_class, on_endpoint_toggled_cb);

  gtk_widget_class_install_action (widget_class, "dry-run-panel.run", NULL,
                                   bfg_dry_run_panel_run_action);
  gtk_widget_class_install_action (widget_class, "dry-run-panel.cancel", NULL,
                                   bfg_dry_run_panel_cancel_action);
}

static void
bfg_dry_run_panel_init (BfgDryRunPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->progress_step = -1;
  build_step_rows (self);
  update_target (self);
  update_actions (self);
}

/* Public API */

/**
 * bfg_dry_run_panel_new:
 * @engine: (nullable): the engine of the open workspace
 * @actor_id: (nullable): the acting actor
 *
 * Returns: (transfer floating): a new dry-run panel
 */
GtkWidget *
bfg_dry_run_panel_new (BfgEngine  *engine,
                       const char *actor_id)
{
  g_return_val_if_fail (engine == NULL || BFG_IS_ENGINE (engine), NULL);

  return g_object_new (BFG_TYPE_DRY_RUN_PANEL,
                       "engine", engine,
                       "actor-id", actor_id,
                       NULL);
}

BfgWorkspace *
bfg_dry_run_panel_get_workspace (BfgDryRunPanel *self)
{
  g_return_val_if_fail (BFG_IS_DRY_RUN_PANEL (self), NULL);

  return get_workspace (self);
}

/**
 * bfg_dry_run_panel_set_workspace:
 * @self: a #BfgDryRunPanel
 * @workspace: (nullable): the workspace to replay; when unset, the
 *   engine's workspace
 */
void
bfg_dry_run_panel_set_workspace (BfgDryRunPanel *self,
                                 BfgWorkspace   *workspace)
{
  g_return_if_fail (BFG_IS_DRY_RUN_PANEL (self));
  g_return_if_fail (workspace == NULL || BFG_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;

  disconnect_workspace (self);
  g_set_object (&self->workspace, workspace);
  connect_workspace (self);

  load_endpoint (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

BfgEngine *
bfg_dry_run_panel_get_engine (BfgDryRunPanel *self)
{
  g_return_val_if_fail (BFG_IS_DRY_RUN_PANEL (self), NULL);

  return self->engine;
}

void
bfg_dry_run_panel_set_engine (BfgDryRunPanel *self,
                              BfgEngine      *engine)
{
  g_return_if_fail (BFG_IS_DRY_RUN_PANEL (self));
  g_return_if_fail (engine == NULL || BFG_IS_ENGINE (engine));

  if (self->engine == engine)
    return;

  disconnect_workspace (self);
  g_set_object (&self->engine, engine);
  connect_workspace (self);

  bfg_ui_follow_check (&self->first_check, engine, first_check_id (),
                       G_CALLBACK (on_first_check_state_cb), self);

  load_endpoint (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

const char *
bfg_dry_run_panel_get_actor_id (BfgDryRunPanel *self)
{
  g_return_val_if_fail (BFG_IS_DRY_RUN_PANEL (self), NULL);

  return self->actor_id;
}

void
bfg_dry_run_panel_set_actor_id (BfgDryRunPanel *self,
                                const char     *actor_id)
{
  g_return_if_fail (BFG_IS_DRY_RUN_PANEL (self));

  if (!g_set_str (&self->actor_id, actor_id))
    return;

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR_ID]);
}

/**
 * bfg_dry_run_panel_get_busy:
 * @self: a #BfgDryRunPanel
 *
 * Returns: %TRUE while a dry-run runs
 */
gboolean
bfg_dry_run_panel_get_busy (BfgDryRunPanel *self)
{
  g_return_val_if_fail (BFG_IS_DRY_RUN_PANEL (self), FALSE);

  return self->busy;
}

/**
 * bfg_dry_run_panel_get_result:
 * @self: a #BfgDryRunPanel
 *
 * Returns: (transfer none) (nullable): the last finished dry-run
 */
BfgDryRunResult *
bfg_dry_run_panel_get_result (BfgDryRunPanel *self)
{
  g_return_val_if_fail (BFG_IS_DRY_RUN_PANEL (self), NULL);

  return self->result;
}
